using System.Text;

namespace FlowRouter.TokenSaver.Text;

/// <summary>
/// What every kind gets first, as a terminal would have shown it: CRLF becomes LF; a line redrawn with carriage returns
/// keeps only its last state; backspace overstrikes are applied; ANSI escapes go; and a run of progress-bar or spinner
/// lines keeps only its last line. None of this removes a character the final screen showed, except superseded
/// progress states.
/// </summary>
internal static class TerminalCleanup
{
    public static string Clean(string text, out int progressLinesDropped)
    {
        progressLinesDropped = 0;
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = ResolveCarriageReturns(text);
        }
        if (text.Contains('\b', StringComparison.Ordinal))
        {
            text = ResolveBackspaces(text);
        }
        text = Ansi.Strip(text);
        return FoldProgress(text, out progressLinesDropped);
    }

    private static string ResolveCarriageReturns(string text)
    {
        var sb = new StringBuilder(text.Length);
        int start = 0;
        while (start <= text.Length)
        {
            int nl = text.IndexOf('\n', start);
            int end = nl < 0 ? text.Length : nl;
            ReadOnlySpan<char> line = text.AsSpan(start, end - start);
            if (line.EndsWith("\r"))
            {
                line = line[..^1];
            }
            int cr = line.LastIndexOf('\r');
            while (cr >= 0 && line[(cr + 1)..].IsWhiteSpace() && cr > 0)
            {
                // "50%\r100%\r" or a trailing clear: the last non-empty state is what stayed on screen.
                line = line[..cr];
                cr = line.LastIndexOf('\r');
            }
            if (cr >= 0)
            {
                line = line[(cr + 1)..];
            }
            sb.Append(line);
            if (nl < 0)
            {
                break;
            }
            sb.Append('\n');
            start = nl + 1;
        }
        return sb.ToString();
    }

    private static string ResolveBackspaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == '\b')
            {
                if (sb.Length > 0 && sb[^1] != '\n')
                {
                    sb.Length--;
                }
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string FoldProgress(string text, out int dropped)
    {
        dropped = 0;
        if (!MayHaveProgress(text) || !HasProgressRun(text))
        {
            return text;
        }
        string[] lines = Lines.Split(text);
        var keep = new bool[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            keep[i] = !(IsProgressLine(lines[i]) && i + 1 < lines.Length && IsProgressLine(lines[i + 1]));
            if (!keep[i])
            {
                dropped++;
            }
        }
        if (dropped == 0)
        {
            return text;
        }
        var w = new LineWriter(text.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (keep[i])
            {
                w.Line(lines[i]);
            }
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>Two progress lines in a row somewhere (checked without splitting the text).</summary>
    private static bool HasProgressRun(string text)
    {
        bool previous = false;
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            int end = nl < 0 ? text.Length : nl;
            ReadOnlySpan<char> line = text.AsSpan(start, end - start);
            bool progress = IsProgressLine(line);
            if (progress && previous)
            {
                return true;
            }
            previous = progress;
            start = end + 1;
        }
        return false;
    }

    private static bool MayHaveProgress(string text) =>
        text.Contains('%', StringComparison.Ordinal) || text.AsSpan().IndexOfAnyInRange('\u2800', '\u28FF') >= 0;

    /// <summary>A progress bar (a run of bar characters and a percentage or a fraction) or a braille spinner frame.</summary>
    internal static bool IsProgressLine(string line) => IsProgressLine(line.AsSpan());

    internal static bool IsProgressLine(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> s = line.TrimStart();
        if (s.IsEmpty)
        {
            return false;
        }
        if (s[0] >= '\u2800' && s[0] <= '\u28FF')
        {
            return true;
        }
        int percent = s.IndexOf('%');
        if (percent <= 0 || !char.IsAsciiDigit(s[percent - 1]))
        {
            return false;
        }
        // A bar inside quotes is code or data that shows one (a progress-bar test's expected output in a diff), not
        // a terminal redrawing itself: it stays.
        if (s.ContainsAny('"', '\''))
        {
            return false;
        }
        int run = 0;
        foreach (char c in s)
        {
            run = IsBarChar(c) ? run + 1 : 0;
            if (run >= 4)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsBarChar(char c) =>
        c is '#' or '=' or '>' or '.' or '-' or '*' or '■' or '□' or '━' or '─' or '█' or '▓' or '▒' or '░'
        || (c >= '\u2589' && c <= '\u258F');
}
