using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>git diff</c>, <c>git show</c>, <c>git log -p</c> (and plain unified diffs). Kept: every file header
/// (<c>diff --git a/X b/Y</c>, shortened to <c>diff X</c> when both sides are the same path; <c>diff --cc X</c>; mode,
/// rename, copy and binary lines), every added and removed line,
/// hunk headers with their line numbers (not their function-context tail), no unchanged context (see
/// <see cref="DiffHunk"/>), <c>--stat</c> and
/// <c>--name-status</c> lines, commit blocks as in <see cref="GitCommitHeader"/>. Dropped: <c>index</c> lines, the
/// <c>---</c>/<c>+++</c> lines that repeat the file header, unchanged context (counted in one marker at
/// the end), the +/- graph of stat lines, runs of changed lines that repeat an earlier run (see
/// <see cref="DiffRepeats"/>), and the +/- of hunks that only add or only remove (see <see cref="DiffPureHunks"/>).
/// </summary>
internal static class GitDiffCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length / 2);
        int contextOmitted = 0;
        int bodyOmitted = 0;
        int recognised = 0;
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (GitCommitHeader.IsCommitLine(line))
            {
                i = GitCommitHeader.Write(lines, i, w, ref bodyOmitted);
                recognised++;
                continue;
            }
            if (IsFileHeader(line))
            {
                w.Line(ShortHeader(line));
                i = WriteExtendedHeader(lines, i + 1, w);
                recognised++;
                continue;
            }
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                int next = DiffHunk.Write(lines, i, w, ref contextOmitted);
                if (next > i)
                {
                    i = next;
                    recognised++;
                    continue;
                }
            }
            if (GitStatLine.TryCondense(line, out string stat))
            {
                w.Line(stat);
                recognised++;
                i++;
                continue;
            }
            if (line.Length > 0)
            {
                w.Line(GitStatLine.IsSummary(line) ? line.Trim() : line);
            }
            i++;
        }
        if (recognised == 0)
        {
            return null;
        }
        if (contextOmitted > 0)
        {
            w.Line(Marker.Omitted(contextOmitted, "unchanged context lines"));
        }
        string output = w.ToString(Lines.EndsWithNewline(text));
        string[] written = Lines.Split(output);
        string[] condensed = DiffPureHunks.Unmark(DiffRepeats.Fold(written));
        if (ReferenceEquals(condensed, written))
        {
            return output; // nothing repeats and nothing is unmarked: no second string
        }
        return Lines.Join(condensed, Lines.EndsWithNewline(text));
    }

    /// <summary>
    /// <c>diff --git a/X b/X</c> → <c>diff X</c>: the same path twice says nothing more (a rename or copy keeps the
    /// whole header, and its rename/copy lines).
    /// </summary>
    internal static string ShortHeader(string line)
    {
        const string Git = "diff --git a/";
        if (!line.StartsWith(Git, StringComparison.Ordinal))
        {
            return line;
        }
        ReadOnlySpan<char> rest = line.AsSpan(Git.Length); // "X b/X"
        if ((rest.Length - 3) % 2 != 0)
        {
            return line;
        }
        int half = (rest.Length - 3) / 2;
        ReadOnlySpan<char> a = rest[..half];
        return half > 0 && rest[half..].StartsWith(" b/") && rest[(half + 3)..].SequenceEqual(a) ? "diff " + a.ToString() : line;
    }

    public static bool IsFileHeader(string line) =>
        line.StartsWith("diff --git ", StringComparison.Ordinal)
        || line.StartsWith("diff --cc ", StringComparison.Ordinal)
        || line.StartsWith("diff --combined ", StringComparison.Ordinal);

    /// <summary>The lines between <c>diff --git</c> and the first hunk: index, ---/+++ go; the rest stays (the usual mode shortened).</summary>
    private static int WriteExtendedHeader(string[] lines, int i, LineWriter w)
    {
        while (i < lines.Length)
        {
            string line = lines[i];
            if (line.StartsWith("@@", StringComparison.Ordinal) || IsFileHeader(line) || GitCommitHeader.IsCommitLine(line))
            {
                break;
            }
            if (line.StartsWith("index ", StringComparison.Ordinal) || line.StartsWith("--- ", StringComparison.Ordinal)
                || line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }
            if (!IsExtendedHeaderLine(line))
            {
                break;
            }
            w.Line(ShortMode(line));
            i++;
        }
        return i;
    }

    /// <summary>"new file mode 100644" → "new file" (likewise deleted): the usual mode says nothing; any other stays whole.</summary>
    private static string ShortMode(string line) => line switch
    {
        "new file mode 100644" => "new file",
        "deleted file mode 100644" => "deleted file",
        _ => line,
    };

    private static bool IsExtendedHeaderLine(string line) =>
        line.StartsWith("old mode ", StringComparison.Ordinal) || line.StartsWith("new mode ", StringComparison.Ordinal)
        || line.StartsWith("deleted file mode ", StringComparison.Ordinal) || line.StartsWith("new file mode ", StringComparison.Ordinal)
        || line.StartsWith("similarity index ", StringComparison.Ordinal) || line.StartsWith("dissimilarity index ", StringComparison.Ordinal)
        || line.StartsWith("rename from ", StringComparison.Ordinal) || line.StartsWith("rename to ", StringComparison.Ordinal)
        || line.StartsWith("copy from ", StringComparison.Ordinal) || line.StartsWith("copy to ", StringComparison.Ordinal)
        || line.StartsWith("Binary files ", StringComparison.Ordinal) || line.StartsWith("GIT binary patch", StringComparison.Ordinal)
        || line.StartsWith("mode ", StringComparison.Ordinal);
}
