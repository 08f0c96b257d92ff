using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>git log</c> in its default and <c>--stat</c> forms: each commit on one line, <c>hash (decoration) author:
/// subject</c> (see <see cref="GitCommitHeader"/>), then its stat lines without their graph (<c>src/a.cs | 27</c>).
/// Dropped, said in one marker at the end: the message bodies (counted), the <c>N files changed, N insertions(+)</c>
/// summaries (the stat lines above them give the files and the size of each change) and the author dates, of which
/// the marker keeps the first and last day so the span of the history stays visible. <c>git show HASH</c> gets any
/// of them back (<c>--oneline --stat</c> loses its summaries the same way). A linear <c>--oneline --graph</c> loses its
/// <c>* </c> column (there is no branching to draw).
/// With patches (<c>-p</c>) the text goes to <see cref="GitDiffCompressor"/>; other one-line and custom formats have
/// nothing to cut and pass through.
/// </summary>
internal static class GitLogCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        if (HasPatch(lines))
        {
            return GitDiffCompressor.Compress(text);
        }
        if (Array.Exists(lines, l => GitCommitHeader.IsCommitLine(l) || GitStatLine.IsSummary(l)))
        {
            return CompressCommits(lines, Lines.EndsWithNewline(text));
        }
        return StripLinearGraph(lines, Lines.EndsWithNewline(text)) ?? GitDiffCompressor.Compress(text);
    }

    private static bool HasPatch(string[] lines) =>
        Array.Exists(lines, l => GitDiffCompressor.IsFileHeader(l) || l.StartsWith("@@ ", StringComparison.Ordinal));

    private static string CompressCommits(string[] lines, bool trailingNewline)
    {
        // First the commits and the lines between them (stat lines condensed), then the decision on the dates.
        var items = new List<(GitCommitHeader.Block? Commit, string? Line)>();
        int body = 0;
        int summaries = 0;
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (GitCommitHeader.IsCommitLine(line))
            {
                i = GitCommitHeader.Read(lines, i, out GitCommitHeader.Block block);
                items.Add((block, null));
                body += block.BodyLines;
                continue;
            }
            i++;
            if (GitStatLine.TryCondense(line, out string stat))
            {
                items.Add((null, stat));
            }
            else if (GitStatLine.IsSummary(line))
            {
                summaries++;
            }
            else if (!Lines.IsBlank(line))
            {
                items.Add((null, line));
            }
        }
        var blocks = items.Where(x => x.Commit is not null).Select(x => x.Commit!).ToList();
        bool datesInMarker = blocks.TrueForAll(b => b.Day is null || IsDay(b.Day));
        var w = new LineWriter(lines.Length * 40);
        foreach (var (commit, line) in items)
        {
            if (commit is null)
            {
                w.Line(line!);
                continue;
            }
            w.Line(commit.Line(withDay: !datesInMarker));
            foreach (string o in commit.OtherHeaders)
            {
                w.Line(o);
            }
        }
        string? marker = OmittedMarker(datesInMarker ? DayRange(blocks) : null, body, summaries);
        if (marker is not null)
        {
            w.Line(marker);
        }
        return w.ToString(trailingNewline);
    }

    /// <summary><c>[… dates (2025-03-18 to 2026-02-14), 153 message body lines, 30 "N files changed" summaries
    /// omitted]</c>.</summary>
    private static string? OmittedMarker(string? days, int body, int summaries)
    {
        var parts = new List<string>(3);
        if (days is not null)
        {
            parts.Add("author dates (" + days + ")");
        }
        if (body > 0)
        {
            parts.Add(Marker.Num(body) + (body == 1 ? " message body line" : " message body lines"));
        }
        if (summaries > 0)
        {
            parts.Add(Marker.Num(summaries) + (summaries == 1 ? " \"files changed\" summary" : " \"files changed\" summaries"));
        }
        return parts.Count == 0 ? null : "[… " + string.Join(", ", parts) + " omitted; git show HASH has them]";
    }

    /// <summary>The first and last day of the log (<c>2025-03-18 to 2026-02-14</c>, or the one day); null without
    /// dates.</summary>
    private static string? DayRange(List<GitCommitHeader.Block> blocks)
    {
        string? first = null;
        string? last = null;
        foreach (GitCommitHeader.Block b in blocks)
        {
            if (b.Day is null)
            {
                continue;
            }
            if (first is null || string.CompareOrdinal(b.Day, first) < 0)
            {
                first = b.Day;
            }
            if (last is null || string.CompareOrdinal(b.Day, last) > 0)
            {
                last = b.Day;
            }
        }
        return first is null ? null : first == last ? first : first + " to " + last;
    }

    private static bool IsDay(string s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-' && Lines.IsDigits(s.AsSpan(0, 4)) && Lines.IsDigits(s.AsSpan(5, 2))
        && Lines.IsDigits(s.AsSpan(8, 2));

    /// <summary><c>git log --oneline --graph</c> of a history without branches: every line is <c>* hash subject</c>, so
    /// the <c>* </c> column says nothing.</summary>
    private static string? StripLinearGraph(string[] lines, bool trailingNewline)
    {
        if (lines.Length == 0)
        {
            return null;
        }
        var w = new LineWriter(lines.Length * 60);
        foreach (string line in lines)
        {
            if (!line.StartsWith("* ", StringComparison.Ordinal) || !StartsWithShortHash(line.AsSpan(2)))
            {
                return null;
            }
            w.Line(line.AsSpan(2));
        }
        return w.ToString(trailingNewline);
    }

    private static bool StartsWithShortHash(ReadOnlySpan<char> s)
    {
        int end = s.IndexOf(' ');
        ReadOnlySpan<char> hash = end < 0 ? s : s[..end];
        return hash.Length is >= 7 and <= 40 && Lines.IsHex(hash);
    }
}
