namespace FlowRouter.TokenSaver.Text;

/// <summary>Line helpers. Text reaching the compressors has <c>\n</c> line ends only (see <see cref="TerminalCleanup"/>).</summary>
internal static class Lines
{
    /// <summary>The lines of <paramref name="text"/>, without the empty piece after a final newline.</summary>
    public static string[] Split(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        string[] lines = text.Split('\n');
        return text[^1] == '\n' ? lines[..^1] : lines;
    }

    public static bool EndsWithNewline(string text) => text.Length > 0 && text[^1] == '\n';

    /// <summary>The lines back as text, the way <see cref="Split"/> took them apart (a final newline when there was one).</summary>
    public static string Join(IEnumerable<string> lines, bool trailingNewline)
    {
        string joined = string.Join('\n', lines);
        return trailingNewline ? joined + "\n" : joined;
    }

    public static bool IsBlank(string line) => line.AsSpan().Trim().IsEmpty;

    /// <summary>How many spaces and tabs the line starts with.</summary>
    public static int Indent(ReadOnlySpan<char> line)
    {
        int i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }
        return i;
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsHex(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Collapses every run of spaces and tabs inside a line to one space and trims it.</summary>
    public static string Squeeze(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        var sb = new System.Text.StringBuilder(s.Length);
        bool space = false;
        foreach (char c in s)
        {
            if (c == ' ' || c == '\t')
            {
                space = true;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Whitespace-separated fields with their start offsets.</summary>
    public static List<(int Start, int Length)> Fields(string line)
    {
        var fields = new List<(int, int)>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
            {
                i++;
            }
            if (i >= line.Length)
            {
                break;
            }
            int start = i;
            while (i < line.Length && line[i] != ' ' && line[i] != '\t')
            {
                i++;
            }
            fields.Add((start, i - start));
        }
        return fields;
    }
}
