using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>cat</c> / <c>cat -n</c> of a source file. The code is what the agent asked for, so every code line is kept
/// byte for byte, declarations and bodies alike. What goes: blank lines, the licence header, and comment-only lines
/// (line and block comments, doc comments, Python docstrings) — comments are explanation the agent can re-read with
/// a ranged read, and a comment after code on the same line stays. With <c>cat -n</c> the numbers stay (without
/// their padding), so every gap is visible and every kept line can be addressed; the marker at the top says what
/// was dropped. Languages: C-like (<c>//</c>, <c>/* */</c>: C#, Java, JS/TS, Go, C/C++, Rust, Swift, Kotlin), Python
/// and shell (<c>#</c>), XML/csproj (<c>&lt;!-- --&gt;</c>). Anything else (Markdown, YAML, prose) is left whole.
/// </summary>
internal static class SourceFileCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        if (lines.Length < 8)
        {
            return null;
        }
        bool numbered = SourceLines.IsNumbered(lines);
        var numbers = new string[lines.Length];
        var code = new string[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            SourceLines.SplitNumber(lines[i], numbered, out numbers[i], out code[i]);
        }
        CommentSyntax syntax = SourceLines.DetectSyntax(code);
        if (syntax == CommentSyntax.None)
        {
            return null;
        }
        bool[] comment = CommentScanner.CommentLines(code, syntax);
        bool[]? body = null;
        if (CodeLines(code, comment) > LongFile)
        {
            body = BodyElider.BodyLines(code, comment, syntax);
        }
        int comments = 0;
        int blanks = 0;
        int bodies = 0;
        var w = new List<string>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (body is not null && body[i] && TryElide(code, comment, body, numbers, numbered, i, w, out int next))
            {
                bodies++;
                i = next - 1;
                continue;
            }
            if (Lines.IsBlank(code[i]))
            {
                blanks++;
                continue;
            }
            if (comment[i])
            {
                comments++;
                continue;
            }
            w.Add(numbered ? numbers[i] + "\t" + code[i] : code[i]);
        }
        if (comments + blanks + bodies == 0 && !numbered)
        {
            return null;
        }
        string marker = Marker.OmittedList((bodies, "function bodies (line ranges below)"), (comments, "comment lines"),
            (blanks, "blank lines")) ?? "[…]";
        if (numbered)
        {
            marker = marker[..^1] + "; numbers are the file's]";
        }
        string kept = bodies > 0 ? string.Join('\n', BraceRanges.Fold(w, numbered)) : string.Join('\n', w);
        return marker + (w.Count > 0 ? "\n" + kept : "") + (Lines.EndsWithNewline(text) ? "\n" : "");
    }

    /// <summary>Files with more code lines than this have their long function bodies cut.</summary>
    public const int LongFile = 60;

    /// <summary>A body run is cut only when it holds at least this many code lines.</summary>
    public const int MinBodyLines = 3;

    private static int CodeLines(string[] code, bool[] comment)
    {
        int n = 0;
        for (int i = 0; i < code.Length; i++)
        {
            if (!comment[i] && !Lines.IsBlank(code[i]))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// From body line <paramref name="i"/>, the run of body lines (blank and comment lines inside it included); when
    /// it holds at least <see cref="MinBodyLines"/> code lines, writes <c>[… lines a-b]</c> (the file's line numbers)
    /// at its first line's indentation and returns the index after it.
    /// </summary>
    private static bool TryElide(string[] code, bool[] comment, bool[] body, string[] numbers, bool numbered, int i,
        List<string> w, out int next)
    {
        int end = i;
        int last = i;
        int codeLines = 0;
        while (end < code.Length && body[end])
        {
            if (!comment[end] && !Lines.IsBlank(code[end]))
            {
                codeLines++;
                last = end;
            }
            end++;
        }
        next = last + 1;
        if (codeLines < MinBodyLines || comment[i] || Lines.IsBlank(code[i]))
        {
            return false;
        }
        string first = numbered ? numbers[i] : Marker.Num(i + 1);
        string lastNumber = numbered ? numbers[last] : Marker.Num(last + 1);
        string indent = code[i][..(code[i].Length - code[i].TrimStart().Length)];
        w.Add(indent + BraceRanges.Range(first, lastNumber));
        return true;
    }
}
