using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// With unchanged context gone (see <see cref="DiffHunk"/>), many hunks only add lines (<c>@@ +48 @@</c>, every new
/// file) or only remove them (<c>@@ -11 @@</c>, every deleted file), and there the <c>+</c>/<c>-</c> in front of each
/// line says what the header already says: it costs a token a line (o200k never merges it with an indent). Such a
/// hunk is written without the signs, and a marker at the top says so. The hunk right after <c>new file</c> /
/// <c>deleted file</c> loses its header too (it can only start at line 1; <see cref="GitDiffCompressor"/> writes
/// those lines without the usual mode 100644). A hunk keeps its signs when a line of it would read as diff structure
/// without them (one that starts with a sign, <c>@@</c>, <c>\</c>, <c>diff </c>, a marker or a commit line), or when the
/// line after it would not clearly end it.
/// </summary>
internal static class DiffPureHunks
{
    /// <summary>Below this many lines to unmark, the marker would cost about what it saves: nothing changes.</summary>
    public const int MinLines = 32;

    public const string Legend = "[… +/- omitted in hunks that only add (@@ +N @@, new file) or only remove (@@ -N @@, deleted file)]";

    // When every unmarked hunk has the same sign, the legend names that one only.
    public const string AddedLegend = "[… + omitted in hunks that only add (@@ +N @@, new file)]";

    public const string RemovedLegend = "[… - omitted in hunks that only remove (@@ -N @@, deleted file)]";

    /// <summary>The lines with pure hunks unmarked and the legend first, or the same array when too few would be.</summary>
    public static string[] Unmark(string[] lines)
    {
        var pure = new List<(int Header, int End, char Sign)>();
        int unmarked = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            char sign = PureSign(lines[i]);
            if (sign == '\0')
            {
                continue;
            }
            int end = SectionEnd(lines, i + 1, sign);
            if (end > i + 1 && CanUnmark(lines, i + 1, end, sign))
            {
                pure.Add((i, end, sign));
                unmarked += end - i - 1;
            }
            i = end - 1;
        }
        return unmarked < MinLines ? lines : Rewrite(lines, pure);
    }

    private static string[] Rewrite(string[] lines, List<(int Header, int End, char Sign)> pure)
    {
        var output = new List<string>(lines.Length + 1) { LegendFor(pure) };
        int next = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (next < pure.Count && pure[next].Header == i)
            {
                var (_, end, sign) = pure[next++];
                if (!OpensWholeFile(output[^1], line))
                {
                    output.Add(line);
                }
                for (int j = i + 1; j < end; j++)
                {
                    output.Add(lines[j].Length > 0 && lines[j][0] == sign ? lines[j][1..] : lines[j]);
                }
                i = end - 1;
                continue;
            }
            output.Add(line);
        }
        return [.. output];
    }

    private static string LegendFor(List<(int Header, int End, char Sign)> pure)
    {
        bool added = pure.Exists(p => p.Sign == '+');
        bool removed = pure.Exists(p => p.Sign == '-');
        return added && removed ? Legend : added ? AddedLegend : RemovedLegend;
    }

    /// <summary>A new file's hunk starts at +1 and a deleted file's at -1: after "new file"/"deleted file" the header says nothing.</summary>
    private static bool OpensWholeFile(string previous, string header) =>
        (previous == "new file" && header == "@@ +1 @@") || (previous == "deleted file" && header == "@@ -1 @@");

    /// <summary>'+' for <c>@@ +N @@</c>, '-' for <c>@@ -N @@</c> (as <see cref="DiffHunk"/> writes one-sided hunks), else '\0'.</summary>
    private static char PureSign(string line)
    {
        if (line.Length < 7 || !line.StartsWith("@@ ", StringComparison.Ordinal) || !line.EndsWith(" @@", StringComparison.Ordinal))
        {
            return '\0';
        }
        char sign = line[3];
        ReadOnlySpan<char> number = line.AsSpan(4, line.Length - 7);
        return sign is '+' or '-' && Lines.IsDigits(number) ? sign : '\0';
    }

    /// <summary>The index after the hunk's lines: its signed lines, "\ No newline" lines and repeat markers.</summary>
    private static int SectionEnd(string[] lines, int j, char sign)
    {
        while (j < lines.Length)
        {
            string line = lines[j];
            bool inHunk = (line.Length > 0 && (line[0] == sign || line[0] == '\\'))
                || line.StartsWith(DiffRepeats.MarkerStart, StringComparison.Ordinal);
            if (!inHunk)
            {
                break;
            }
            j++;
        }
        return j;
    }

    private static bool CanUnmark(string[] lines, int from, int end, char sign)
    {
        // The hunk must end where a reader sees structure: another hunk, another file, a marker, or the end.
        if (end < lines.Length)
        {
            string after = lines[end];
            if (!after.StartsWith("@@", StringComparison.Ordinal) && !after.StartsWith("diff ", StringComparison.Ordinal)
                && !after.StartsWith("[… ", StringComparison.Ordinal) && !GitCommitHeader.IsWrittenLine(after))
            {
                return false;
            }
        }
        for (int j = from; j < end; j++)
        {
            string line = lines[j];
            if (line.Length == 0 || line[0] != sign)
            {
                continue; // "\ No newline" and repeat markers stay as they are
            }
            ReadOnlySpan<char> text = line.AsSpan(1);
            if (text.Length > 0 && text[0] is '+' or '-' or '\\' || text.StartsWith("@@", StringComparison.Ordinal)
                || text.StartsWith("diff ", StringComparison.Ordinal) || text.StartsWith("[…", StringComparison.Ordinal)
                || GitCommitHeader.IsWrittenLine(text))
            {
                return false;
            }
        }
        return true;
    }
}
