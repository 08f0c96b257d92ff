using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>grep -rn</c>, <c>rg -n</c> and friends. Kept: every match line as printed (<c>path:line:text</c>), <c>--</c>
/// separators, <c>grep -l</c> paths and <c>grep -c</c> counts (zeros too: which files do not match can be the
/// question). Condensed: a context line (<c>path-57-text</c>, from <c>-A/-B/-C</c>) loses the path that its group's
/// match lines already show (<c>57-text</c>); the part of a line beyond <see cref="MaxLine"/> characters (minified
/// code) is dropped and counted.
/// </summary>
internal static class GrepCompressor
{
    public const int MaxLine = 300;

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int recognised = 0;
        int contextPaths = 0;
        int longLines = 0;
        int i = 0;
        while (i < lines.Length)
        {
            int end = i;
            while (end < lines.Length && lines[end] != "--")
            {
                end++;
            }
            recognised += WriteGroup(lines, i, end, w, ref contextPaths, ref longLines);
            if (end < lines.Length)
            {
                w.Line("--");
                recognised++;
            }
            i = end + 1;
        }
        if (recognised * 2 < lines.Length || (contextPaths == 0 && longLines == 0))
        {
            return null;
        }
        if (longLines > 0)
        {
            w.Line(Marker.Omitted(longLines, "over-long line tails"));
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    private static int WriteGroup(string[] lines, int from, int to, LineWriter w, ref int contextPaths, ref int longLines)
    {
        var paths = new List<string>();
        for (int k = from; k < to; k++)
        {
            if (TryMatch(lines[k], out int pathEnd, out _) && !paths.Contains(lines[k][..pathEnd], StringComparer.Ordinal))
            {
                paths.Add(lines[k][..pathEnd]);
            }
        }
        int recognised = 0;
        for (int k = from; k < to; k++)
        {
            string line = lines[k];
            if (TryMatch(line, out _, out _))
            {
                recognised++;
                w.Line(Cut(line, ref longLines));
                continue;
            }
            string? context = StripContextPath(line, paths);
            if (context is not null)
            {
                recognised++;
                contextPaths++;
                w.Line(Cut(context, ref longLines));
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

    private static string? StripContextPath(string line, List<string> paths)
    {
        foreach (string p in paths)
        {
            if (line.Length > p.Length + 2 && line.StartsWith(p, StringComparison.Ordinal) && line[p.Length] == '-')
            {
                int d = p.Length + 1;
                while (d < line.Length && char.IsAsciiDigit(line[d]))
                {
                    d++;
                }
                if (d > p.Length + 1 && d < line.Length && line[d] == '-')
                {
                    return line[(p.Length + 1)..];
                }
            }
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
        int keep = MaxLine - 40;
        return string.Concat(line.AsSpan(0, keep), "…[+", Marker.Num(line.Length - keep), " chars]");
    }
}
