namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Marks the lines of a source file that hold nothing but comment. Conservative by design: only a line that starts a
/// comment (or lies inside a block comment that began at a line start) counts; a line inside a multi-line string
/// (C# raw strings, JS/Go backtick strings, Python triple quotes) is never a comment.
/// </summary>
internal static class CommentScanner
{
    public static bool[] CommentLines(string[] code, CommentSyntax syntax) => syntax switch
    {
        CommentSyntax.CLike => CLike(code),
        CommentSyntax.Hash => Hash(code),
        CommentSyntax.Xml => Xml(code),
        _ => new bool[code.Length],
    };

    private static bool[] CLike(string[] code)
    {
        var comment = new bool[code.Length];
        bool inBlock = false;
        bool inRaw = false;
        bool inBacktick = false;
        for (int i = 0; i < code.Length; i++)
        {
            ReadOnlySpan<char> s = code[i].AsSpan().Trim();
            if (inBlock)
            {
                int close = s.IndexOf("*/", StringComparison.Ordinal);
                if (close < 0)
                {
                    comment[i] = true;
                    continue;
                }
                inBlock = false;
                comment[i] = s[(close + 2)..].IsWhiteSpace();
                continue;
            }
            if (!inRaw && !inBacktick)
            {
                if (s.StartsWith("//"))
                {
                    comment[i] = true;
                    continue;
                }
                if (s.StartsWith("/*"))
                {
                    int close = s[2..].IndexOf("*/", StringComparison.Ordinal);
                    if (close < 0)
                    {
                        inBlock = true;
                        comment[i] = true;
                        continue;
                    }
                    if (s[(close + 4)..].IsWhiteSpace())
                    {
                        comment[i] = true;
                        continue;
                    }
                }
            }
            if (Count(s, "\"\"\"") % 2 == 1)
            {
                inRaw = !inRaw;
            }
            if (CountBackticks(s) % 2 == 1)
            {
                inBacktick = !inBacktick;
            }
        }
        return comment;
    }

    private static bool[] Hash(string[] code)
    {
        var comment = new bool[code.Length];
        string? delimiter = null;
        bool docstring = false;
        string? lastCode = null;
        for (int i = 0; i < code.Length; i++)
        {
            ReadOnlySpan<char> s = code[i].AsSpan().Trim();
            if (delimiter is not null)
            {
                comment[i] = docstring && !ReadsAsDeclaration(s);
                if (s.Contains(delimiter, StringComparison.Ordinal))
                {
                    delimiter = null;
                }
                continue;
            }
            if (s.IsEmpty)
            {
                continue;
            }
            if (s[0] == '#')
            {
                comment[i] = !(i == 0 && s.StartsWith("#!"));
                continue;
            }
            string? opens = OpensTriple(s, out bool startsLine);
            if (opens is not null)
            {
                docstring = startsLine && (lastCode is null || lastCode.EndsWith(':'));
                comment[i] = docstring;
                // A one-line """doc""" closes on its own line.
                int first = s.IndexOf(opens, StringComparison.Ordinal);
                if (s[(first + 3)..].IndexOf(opens, StringComparison.Ordinal) < 0)
                {
                    delimiter = opens;
                }
                if (!docstring)
                {
                    lastCode = s.ToString();
                }
                continue;
            }
            lastCode = s.ToString();
        }
        return comment;
    }

    /// <summary>
    /// A docstring line that starts like a Python declaration (<c>def cli(ctx):</c> in a usage example, or prose that
    /// happens to begin "from the …"): it stays, because a reader going by the line alone takes it for code, and a
    /// line that looks like a declaration should never silently go.
    /// </summary>
    private static bool ReadsAsDeclaration(ReadOnlySpan<char> s) =>
        s.StartsWith("def ") || s.StartsWith("async def ") || s.StartsWith("class ") || s.StartsWith("import ") || s.StartsWith("from ");

    /// <summary>The triple quote a line leaves open or that starts it (as a docstring would); null when none.</summary>
    private static string? OpensTriple(ReadOnlySpan<char> s, out bool startsLine)
    {
        // A string prefix (r, b, u, f, rb, …) may come before the quotes.
        int p = 0;
        while (p < s.Length && p < 2 && s[p] is 'r' or 'R' or 'u' or 'U' or 'b' or 'B' or 'f' or 'F')
        {
            p++;
        }
        ReadOnlySpan<char> body = s[p..];
        startsLine = body.StartsWith("\"\"\"") || body.StartsWith("'''");
        if (startsLine)
        {
            return body.StartsWith("\"\"\"") ? "\"\"\"" : "'''";
        }
        if (Count(s, "\"\"\"") % 2 == 1)
        {
            return "\"\"\"";
        }
        return Count(s, "'''") % 2 == 1 ? "'''" : null;
    }

    private static bool[] Xml(string[] code)
    {
        var comment = new bool[code.Length];
        bool inBlock = false;
        for (int i = 0; i < code.Length; i++)
        {
            ReadOnlySpan<char> s = code[i].AsSpan().Trim();
            if (!inBlock && !s.StartsWith("<!--"))
            {
                continue;
            }
            int from = inBlock ? 0 : 4;
            int close = s[from..].IndexOf("-->", StringComparison.Ordinal);
            if (close < 0)
            {
                inBlock = true;
                comment[i] = true;
                continue;
            }
            inBlock = false;
            comment[i] = s[(from + close + 3)..].IsWhiteSpace();
        }
        return comment;
    }

    private static int Count(ReadOnlySpan<char> s, string token)
    {
        int n = 0;
        int at;
        while ((at = s.IndexOf(token, StringComparison.Ordinal)) >= 0)
        {
            n++;
            s = s[(at + token.Length)..];
        }
        return n;
    }

    private static int CountBackticks(ReadOnlySpan<char> s)
    {
        int n = 0;
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] == '`' && (k == 0 || s[k - 1] != '\\'))
            {
                n++;
            }
        }
        return n;
    }
}
