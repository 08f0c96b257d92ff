namespace FlowRouter.TokenSaver.Text;

/// <summary>
/// Removes terminal escape sequences: CSI (<c>ESC [ … final</c>, colours and cursor moves), OSC (<c>ESC ] … BEL</c> or
/// <c>ESC \</c>, titles and hyperlinks) and two-byte escapes (<c>ESC ( B</c>, <c>ESC =</c>). A model reads colour codes
/// as noise tokens; the text between them is kept as is.
/// </summary>
internal static class Ansi
{
    private const char Esc = '\u001b';

    public static string Strip(string text)
    {
        int first = text.IndexOf(Esc, StringComparison.Ordinal);
        if (first < 0)
        {
            return text;
        }
        var sb = new System.Text.StringBuilder(text.Length);
        sb.Append(text, 0, first);
        int i = first;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != Esc)
            {
                int next = text.IndexOf(Esc, i);
                int end = next < 0 ? text.Length : next;
                sb.Append(text, i, end - i);
                i = end;
                continue;
            }
            i = SkipEscape(text, i);
        }
        return sb.ToString();
    }

    /// <summary>Index just past the escape sequence that starts at <paramref name="i"/> (an ESC).</summary>
    private static int SkipEscape(string text, int i)
    {
        int n = text.Length;
        if (i + 1 >= n)
        {
            return n;
        }
        char kind = text[i + 1];
        if (kind == '[')
        {
            // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
            int j = i + 2;
            while (j < n && text[j] >= '0' && text[j] <= '?')
            {
                j++;
            }
            while (j < n && text[j] >= ' ' && text[j] <= '/')
            {
                j++;
            }
            return j < n && text[j] >= '@' && text[j] <= '~' ? j + 1 : j;
        }
        if (kind == ']')
        {
            // OSC: up to BEL or ST (ESC \); an unterminated one ends at the line end.
            for (int j = i + 2; j < n; j++)
            {
                if (text[j] == '\u0007')
                {
                    return j + 1;
                }
                if (text[j] == Esc && j + 1 < n && text[j + 1] == '\\')
                {
                    return j + 2;
                }
                if (text[j] == '\n')
                {
                    return j;
                }
            }
            return n;
        }
        if (kind is '(' or ')' or '*' or '+')
        {
            return Math.Min(n, i + 3);
        }
        return i + 2;
    }
}
