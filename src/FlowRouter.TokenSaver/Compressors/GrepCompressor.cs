using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>grep -rn</c>, <c>rg -n</c> and friends. Kept: every match line's <c>path:line:</c> exactly and its text
/// without the leading indentation, <c>grep -l</c> paths and <c>grep -c</c> counts (zeros too: which files do not
/// match can be the question). Dropped: context lines (<c>path-57-text</c>, from <c>-A/-B/-C</c>) and the <c>--</c>
/// separators between their groups — counted in one marker; every match keeps its line number, so a ranged read
/// gets the context back — and the part of a line beyond <see cref="MaxLine"/> characters (minified code),
/// marked in place with the count of characters cut.
/// </summary>
internal static class GrepCompressor
{
    public const int MaxLine = 160;

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int recognised = 0;
        int contextPaths = 0;
        int longLines = 0;
        int indents = 0;
        int i = 0;
        while (i < lines.Length)
        {
            int end = i;
            while (end < lines.Length && lines[end] != "--")
            {
                end++;
            }
            recognised += WriteGroup(lines, i, end, w, ref contextPaths, ref longLines, ref indents);
            if (end < lines.Length)
            {
                recognised++;
                contextPaths++;
            }
            i = end + 1;
        }
        if (recognised * 2 < lines.Length || (contextPaths == 0 && longLines == 0 && indents == 0))
        {
            return null;
        }
        if (contextPaths > 0)
        {
            w.Line(Marker.Omitted(contextPaths, "context lines and -- separators"));
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    private static int WriteGroup(string[] lines, int from, int to, LineWriter w, ref int contextPaths, ref int longLines,
        ref int indents)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (int k = from; k < to; k++)
        {
            if (TryMatch(lines[k], out int pathEnd, out _))
            {
                paths.Add(lines[k][..pathEnd]);
            }
        }
        int recognised = 0;
        for (int k = from; k < to; k++)
        {
            string line = lines[k];
            if (TryMatch(line, out _, out int textStart))
            {
                recognised++;
                int text = textStart;
                while (text < line.Length && line[text] is ' ' or '\t')
                {
                    text++;
                }
                if (text > textStart)
                {
                    indents++;
                    line = string.Concat(line.AsSpan(0, textStart), line.AsSpan(text));
                }
                w.Line(Cut(line, ref longLines));
                continue;
            }
            if (StripContextPath(line, paths) is not null)
            {
                recognised++;
                contextPaths++;
                continue;
            }
            if (line.StartsWith("Binary file ", StringComparison.Ordinal) || LooksLikePath(line))
            {
                recognised++;
            }
            w.Line(Cut(line, ref longLines));
        }
        return recognised;
    }

    /// <summary><c>path:123:text</c> or <c>path:123</c> (a <c>-c</c> count): the first <c>:digits:</c> (or
    /// <c>:digits</c> at the end) after a non-empty path.</summary>
    internal static bool TryMatch(string line, out int pathEnd, out int textStart)
    {
        pathEnd = textStart = 0;
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        while (colon > 0)
        {
            int d = colon + 1;
            while (d < line.Length && char.IsAsciiDigit(line[d]))
            {
                d++;
            }
            if (d > colon + 1 && (d == line.Length || line[d] == ':') && !char.IsWhiteSpace(line[0]))
            {
                pathEnd = colon;
                textStart = d == line.Length ? d : d + 1;
                return true;
            }
            colon = line.IndexOf(':', colon + 1);
        }
        return false;
    }

    /// <summary><c>path-57-text</c> where <c>path</c> is one of the group's match paths: <c>57-text</c>.</summary>
    private static string? StripContextPath(string line, HashSet<string> paths)
    {
        if (paths.Count == 0)
        {
            return null;
        }
        var lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        int dash = line.IndexOf('-', StringComparison.Ordinal);
        while (dash > 0)
        {
            int d = dash + 1;
            while (d < line.Length && char.IsAsciiDigit(line[d]))
            {
                d++;
            }
            if (d > dash + 1 && d < line.Length && line[d] == '-' && lookup.Contains(line.AsSpan(0, dash)))
            {
                return line[(dash + 1)..];
            }
            dash = line.IndexOf('-', dash + 1);
        }
        return null;
    }

    private static bool LooksLikePath(string line) =>
        line.Length > 0 && !line.Contains(' ', StringComparison.Ordinal) && (line.Contains('/', StringComparison.Ordinal) || line.Contains('.', StringComparison.Ordinal));

    private static string Cut(string line, ref int longLines)
    {
        if (line.Length <= MaxLine)
        {
            return line;
        }
        longLines++;
        int keep = MaxLine;
        return string.Concat(line.AsSpan(0, keep), "…[+", Marker.Num(line.Length - keep), " chars]");
    }
}
