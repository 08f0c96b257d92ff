using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>tree</c> (Unicode or <c>--charset ascii</c> drawing). The drawing columns (<c>│   ├── </c>) become two spaces per
/// level, so the hierarchy still reads at a glance; every entry name, link target and the
/// <c>N directories, M files</c> summary stay as printed.
/// </summary>
internal static class TreeCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int drawn = 0;
        foreach (string line in lines)
        {
            int depth = Depth(line, out int nameStart);
            if (depth > 0)
            {
                drawn++;
                w.Line(string.Concat(new string(' ', 2 * (depth - 1)), line.AsSpan(nameStart)));
                continue;
            }
            w.Line(line);
        }
        return drawn * 2 < lines.Length ? null : w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>How many 4-column drawing units start the line (the last one must be a branch, <c>├── </c> or <c>└── </c>).</summary>
    internal static int Depth(string line, out int nameStart)
    {
        int i = 0;
        int depth = 0;
        bool branch = false;
        while (i + 4 <= line.Length)
        {
            ReadOnlySpan<char> unit = line.AsSpan(i, 4);
            if (IsBranch(unit))
            {
                branch = true;
            }
            else if (!IsPipeOrBlank(unit))
            {
                break;
            }
            depth++;
            i += 4;
            if (branch)
            {
                break;
            }
        }
        nameStart = i;
        return branch ? depth : 0;
    }

    private static bool IsBranch(ReadOnlySpan<char> u) =>
        (u[0] is '├' or '└' or '|' or '`' or '+' or '\\') && (u[1] is '─' or '-') && (u[2] is '─' or '-') && IsSpace(u[3]);

    private static bool IsPipeOrBlank(ReadOnlySpan<char> u) =>
        (u[0] is '│' or '|' || IsSpace(u[0])) && IsSpace(u[1]) && IsSpace(u[2]) && IsSpace(u[3]);

    private static bool IsSpace(char c) => c is ' ' or '\u00a0';
}
