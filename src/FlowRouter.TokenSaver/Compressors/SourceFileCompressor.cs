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
        int comments = 0;
        int blanks = 0;
        var w = new LineWriter(text.Length);
        w.Line(string.Empty);
        for (int i = 0; i < lines.Length; i++)
        {
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
            if (numbered)
            {
                w.Line(numbers[i], '\t', code[i]);
            }
            else
            {
                w.Line(code[i]);
            }
        }
        if (comments + blanks == 0 && !numbered)
        {
            return null;
        }
        string marker = Marker.OmittedList((comments, "comment lines"), (blanks, "blank lines")) ?? "[…]";
        if (numbered)
        {
            marker = marker[..^1] + "; numbers are the file's]";
        }
        return marker + w.ToString(Lines.EndsWithNewline(text));
    }
}
