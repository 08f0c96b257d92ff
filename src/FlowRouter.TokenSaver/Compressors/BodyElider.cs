using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Finds the lines of a long source file that are inside function and method bodies, so that
/// <see cref="SourceFileCompressor"/> can replace them with a line range the agent can read back. Type, namespace
/// and object-literal blocks are containers and stay; only the bodies of functions go, and inside a body any line
/// that declares something (a nested <c>function</c>/<c>def</c>/<c>class</c>, a <c>require(</c>, an import, an
/// <c>x.y = function</c> assignment, <c>module.exports</c>/<c>exports.x</c>, a C# local function or constant)
/// stays. Brace languages are read by brace depth (string and character literals skipped); Python by indentation.
/// When the braces do not balance the file is not cut at all (blocks left open at the end are allowed: a file read
/// with <c>head</c> stops mid-body).
/// </summary>
internal static class BodyElider
{
    private static readonly string[] Containers =
    [
        "class", "struct", "interface", "enum", "namespace", "record", "union", "trait", "impl", "module", "extern", "object",
    ];

    private static readonly string[] Modifiers =
    [
        "async ", "static ", "void ", "unsafe ", "public ", "private ", "protected ", "internal ", "override ", "virtual ",
        "extern ",
    ];

    /// <summary><c>function name(</c> anywhere in the line (a named callback is a declaration too).</summary>
    private static bool NamedFunction(ReadOnlySpan<char> s)
    {
        int at = s.IndexOf("function ", StringComparison.Ordinal);
        while (at >= 0)
        {
            if (at == 0 || !char.IsAsciiLetterOrDigit(s[at - 1]))
            {
                int k = at + "function ".Length;
                int name = k;
                while (k < s.Length && (char.IsAsciiLetterOrDigit(s[k]) || s[k] is '_' or '$'))
                {
                    k++;
                }
                int end = k;
                // Standard style puts a space before the parameters: function onstat (err, stat).
                while (k < s.Length && s[k] == ' ')
                {
                    k++;
                }
                if (end > name && k < s.Length && s[k] == '(')
                {
                    return true;
                }
            }
            int next = s[(at + 1)..].IndexOf("function ", StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    /// <summary>True for each line inside a function body that may be cut; null when nothing may be.</summary>
    public static bool[]? BodyLines(string[] code, bool[] comment, CommentSyntax syntax) => syntax switch
    {
        CommentSyntax.CLike => Braces(code, comment),
        CommentSyntax.Hash => Indented(code, comment),
        _ => null,
    };

    /// <summary>A line that declares something and so stays even inside a body.</summary>
    public static bool IsDeclaration(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        if (s.StartsWith("function ") || s.StartsWith("function*") || s.StartsWith("async function ") || s.StartsWith("class ")
            || s.StartsWith("def ") || s.StartsWith("async def ") || s.StartsWith("import ") || s.StartsWith("from ")
            || s.StartsWith("module.exports") || s.StartsWith("exports.") || s.StartsWith("#include") || s.StartsWith("#define")
            || (s.StartsWith("func ") && !s.Contains("=>", StringComparison.Ordinal)))
        {
            return true;
        }
        if (s.Contains("require(", StringComparison.Ordinal) || NamedFunction(s))
        {
            return true;
        }
        // A C# local constant is a declaration too.
        if (IsNamedConstant(s))
        {
            return true;
        }
        // A C# local function or other member-like line: it starts with a modifier and has parameters; an assignment
        // before them makes it a statement, a default value inside them does not (string? body = null).
        int paren = s.IndexOf('(');
        foreach (string m in Modifiers)
        {
            if (s.StartsWith(m, StringComparison.Ordinal) && paren > 0 && !s[..paren].Contains(" = ", StringComparison.Ordinal))
            {
                return true;
            }
        }
        int eq = s.IndexOf(" = function", StringComparison.Ordinal);
        return eq > 0 && !s[..eq].ContainsAny(' ', '(', '\t');
    }

    /// <summary>A declaration inside a body; a local constant only when it is not, word for word, one already kept (the
    /// same <c>const string Url = …;</c> in thirty tests is said once).</summary>
    private static bool IsNewDeclaration(string line, HashSet<string> kept)
    {
        if (!IsDeclaration(line))
        {
            return false;
        }
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return !s.StartsWith("const ", StringComparison.Ordinal) || kept.Add(s.ToString());
    }

    /// <summary><c>const string prefix = …</c>: a type, then a name, as C# declares its constants (not JS's
    /// <c>const x = …</c> or a C local <c>const char* end = …</c>, which are everyday variables).</summary>
    private static bool IsNamedConstant(ReadOnlySpan<char> s)
    {
        if (!s.StartsWith("const ", StringComparison.Ordinal))
        {
            return false;
        }
        int eq = s.IndexOf(" = ", StringComparison.Ordinal);
        if (eq < 0)
        {
            return false;
        }
        ReadOnlySpan<char> declared = s["const ".Length..eq].Trim();
        return declared.Contains(' ') && !declared.ContainsAny('*', '{', '[');
    }

    private static bool[]? Braces(string[] code, bool[] comment)
    {
        var body = new bool[code.Length];
        // Each open block: true when it is a function body. Every block inside a function body counts as one too, so
        // the trues are the top of the stack and the top says whether a line is inside a body (InBody).
        var stack = new Stack<bool>();
        // The code since the last ';', '{' or '}': what a block that opens next belongs to, even when it spans lines
        // ("internal Logger(\n  a,\n  b)\n{") or has preprocessor lines between its parts.
        var head = new System.Text.StringBuilder();
        var branches = new Stack<Conditional>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        char carried = '\0';
        for (int i = 0; i < code.Length; i++)
        {
            string line = code[i];
            if (comment[i] || Lines.IsBlank(line))
            {
                body[i] = InBody(stack);
                continue;
            }
            bool startInside = InBody(stack);
            ReadOnlySpan<char> trimmed = line.AsSpan().TrimStart();
            if (carried == '\0' && trimmed.StartsWith("#", StringComparison.Ordinal))
            {
                Preprocessor(trimmed, branches, stack);
            }
            else if (!ScanBraces(line, stack, head, ref carried))
            {
                return null;
            }
            // A line that ends the outermost body (its closing brace) stays, as does a declaration.
            body[i] = startInside && InBody(stack) && !IsNewDeclaration(line, kept);
        }
        // Blocks still open at the end are fine: a file read with head (or cut short by the tool) ends inside a body.
        // A closing brace with nothing open is what marks a misread file.
        return body;
    }

    private static bool InBody(Stack<bool> stack) => stack.TryPeek(out bool function) && function;

    /// <summary>An open <c>#if</c>: the blocks open where it began and, once its first branch is over, where that ended.</summary>
    private sealed class Conditional(bool[] stackAtIf)
    {
        public bool[] StackAtIf { get; } = stackAtIf;
        public bool[]? StackAfterFirst { get; set; }
    }

    /// <summary>
    /// Follows <c>#if</c>/<c>#elif</c>/<c>#else</c>/<c>#endif</c>: every branch of a conditional is read from the blocks
    /// open at its <c>#if</c>, and after <c>#endif</c> reading goes on from where the first branch ended — the others
    /// stand in for it. So <c>#ifdef A</c> / <c>if (a) {</c> / <c>#else</c> / <c>if (b) {</c> / <c>#endif</c> opens one
    /// block, not two, and the functions after it are not taken for its body.
    /// </summary>
    private static void Preprocessor(ReadOnlySpan<char> line, Stack<Conditional> branches, Stack<bool> stack)
    {
        ReadOnlySpan<char> directive = line[1..].TrimStart();
        if (directive.StartsWith("if", StringComparison.Ordinal))
        {
            branches.Push(new Conditional(stack.ToArray()));
            return;
        }
        if (branches.Count == 0)
        {
            return;
        }
        Conditional c = branches.Peek();
        if (directive.StartsWith("elif", StringComparison.Ordinal) || directive.StartsWith("else", StringComparison.Ordinal))
        {
            c.StackAfterFirst ??= stack.ToArray();
            Restore(stack, c.StackAtIf);
        }
        else if (directive.StartsWith("endif", StringComparison.Ordinal))
        {
            branches.Pop();
            if (c.StackAfterFirst is not null)
            {
                Restore(stack, c.StackAfterFirst);
            }
        }
    }

    /// <summary>Sets <paramref name="stack"/> to a copy taken with <c>ToArray</c> (top first).</summary>
    private static void Restore(Stack<bool> stack, bool[] copy)
    {
        stack.Clear();
        for (int k = copy.Length - 1; k >= 0; k--)
        {
            stack.Push(copy[k]);
        }
    }

    /// <summary>
    /// Follows the blocks one line opens and closes; false on a closing brace with nothing open. Braces inside string
    /// and character literals and comments do not count; <paramref name="carried"/> holds what the line leaves open
    /// for the next one: a <c>/* comment</c> (<c>'*'</c>), a JS template or Go raw string (<c>'`'</c>) or a C# raw
    /// string (<c>'"'</c>), so that a brace in their later lines is not taken for code either.
    /// </summary>
    private static bool ScanBraces(string line, Stack<bool> stack, System.Text.StringBuilder head, ref char carried)
    {
        int k = carried == '\0' ? 0 : CloseCarried(line, 0, ref carried);
        char quote = '\0';
        for (; k < line.Length; k++)
        {
            char c = line[k];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    k++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                head.Append(c);
                continue;
            }
            if (c == '"' && string.CompareOrdinal(line, k, "\"\"\"", 0, 3) == 0)
            {
                carried = '"';
                k = CloseCarried(line, k + 3, ref carried) - 1;
            }
            else if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
            else if (c == '/' && k + 1 < line.Length && line[k + 1] == '/')
            {
                break;
            }
            else if (c == '/' && k + 1 < line.Length && line[k + 1] == '*')
            {
                carried = '*';
                k = CloseCarried(line, k + 2, ref carried) - 1;
            }
            else if (c == '{')
            {
                stack.Push(InBody(stack) || !IsContainer(head.ToString().Trim()));
                head.Clear();
                continue;
            }
            else if (c == '}')
            {
                if (stack.Count == 0)
                {
                    return false;
                }
                stack.Pop();
                head.Clear();
                continue;
            }
            else if (c == ';')
            {
                head.Clear();
                continue;
            }
            head.Append(c);
        }
        if (quote == '`')
        {
            carried = '`';
        }
        head.Append(' ');
        return true;
    }

    /// <summary>From <paramref name="from"/>, the index just after the end of what <paramref name="carried"/> holds open
    /// (then cleared), or the line's length when it stays open.</summary>
    private static int CloseCarried(string line, int from, ref char carried)
    {
        if (carried == '`')
        {
            for (int k = from; k < line.Length; k++)
            {
                if (line[k] == '\\')
                {
                    k++;
                }
                else if (line[k] == '`')
                {
                    carried = '\0';
                    return k + 1;
                }
            }
            return line.Length;
        }
        int close = line.IndexOf(carried == '*' ? "*/" : "\"\"\"", Math.Min(from, line.Length), StringComparison.Ordinal);
        if (close < 0)
        {
            return line.Length;
        }
        int end = close + (carried == '*' ? 2 : 3);
        // A raw string closes with as many quotes as it opened with, three or more.
        while (carried == '"' && end < line.Length && line[end] == '"')
        {
            end++;
        }
        carried = '\0';
        return end;
    }

    private static bool IsContainer(string head)
    {
        if (head.EndsWith('=') || head.EndsWith('(') || head.EndsWith(',') || head.EndsWith('[') || head.EndsWith(':'))
        {
            return true;
        }
        foreach (string word in head.Split([' ', '\t', '(', '<', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Array.IndexOf(Containers, word) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    private static bool[] Indented(string[] code, bool[] comment)
    {
        var body = new bool[code.Length];
        int i = 0;
        while (i < code.Length)
        {
            string line = code[i];
            string t = line.TrimStart();
            if (comment[i] || !(t.StartsWith("def ", StringComparison.Ordinal) || t.StartsWith("async def ", StringComparison.Ordinal)))
            {
                i++;
                continue;
            }
            int indent = line.Length - t.Length;
            // The signature may run over several lines; it ends at the line ending with ':'.
            int j = i;
            while (j < code.Length && j < i + 12 && !code[j].TrimEnd().EndsWith(':'))
            {
                j++;
            }
            if (j >= code.Length || j >= i + 12)
            {
                i++;
                continue;
            }
            j++;
            while (j < code.Length)
            {
                string b = code[j];
                if (!Lines.IsBlank(b) && !comment[j] && b.Length - b.TrimStart().Length <= indent)
                {
                    break;
                }
                body[j] = !IsDeclaration(b);
                j++;
            }
            // Nested defs are inside this body already.
            i = j;
        }
        return body;
    }
}
