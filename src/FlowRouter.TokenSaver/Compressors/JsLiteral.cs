using System.Text;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Node's <c>util.inspect</c> output (<c>node -p process.config</c>): an object literal with bare keys and quoted
/// strings. Minified like JSON: whitespace outside quotes goes, except one space between two word characters; every
/// key and value stays as written.
/// </summary>
internal static class JsLiteral
{
    /// <summary>Starts with <c>{</c> or <c>[</c>, then a bare key and a colon (or a quoted string in an array).</summary>
    public static bool IsLiteral(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> s = text.TrimStart();
        if (s.IsEmpty || (s[0] != '{' && s[0] != '['))
        {
            return false;
        }
        ReadOnlySpan<char> next = s[1..].TrimStart();
        if (s[0] == '[')
        {
            return !next.IsEmpty && next[0] == '\'';
        }
        int i = 0;
        while (i < next.Length && (char.IsAsciiLetterOrDigit(next[i]) || next[i] is '_' or '$'))
        {
            i++;
        }
        return i > 0 && i < next.Length && next[i] == ':';
    }

    public static string? Minify(string text)
    {
        var sb = new StringBuilder(text.Length);
        char quote = '\0';
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (quote != '\0')
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    sb.Append(text[i + 1]);
                    i += 2;
                    continue;
                }
                if (c == quote || c == '\n')
                {
                    quote = '\0';
                }
                i++;
                continue;
            }
            if (c is '\'' or '"' or '`')
            {
                quote = c;
                sb.Append(c);
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                int j = i;
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }
                if (sb.Length > 0 && j < text.Length && IsWord(sb[^1]) && IsWord(text[j]))
                {
                    sb.Append(' ');
                }
                i = j;
                continue;
            }
            sb.Append(c);
            i++;
        }
        if (Lines.EndsWithNewline(text))
        {
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '*' or '<' or '>';
}
