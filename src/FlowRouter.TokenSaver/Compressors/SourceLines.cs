using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>Reading <c>cat -n</c> prefixes and telling which comment syntax a file uses.</summary>
internal static class SourceLines
{
    /// <summary>Nearly every line starts with <c>cat -n</c>'s right-aligned number and a tab.</summary>
    public static bool IsNumbered(string[] lines)
    {
        int numbered = 0;
        foreach (string line in lines)
        {
            if (NumberEnd(line) > 0)
            {
                numbered++;
            }
        }
        return numbered * 10 >= lines.Length * 9;
    }

    /// <summary>Index of the tab after a <c>cat -n</c> number, or -1.</summary>
    public static int NumberEnd(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }
        int digits = i;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }
        return i > digits && i < line.Length && line[i] == '\t' ? i : -1;
    }

    public static void SplitNumber(string line, bool numbered, out string number, out string code)
    {
        int tab = numbered ? NumberEnd(line) : -1;
        if (tab < 0)
        {
            number = "";
            code = line;
            return;
        }
        number = line.AsSpan(0, tab).TrimStart().ToString();
        code = line[(tab + 1)..];
    }

    public static CommentSyntax DetectSyntax(string[] code)
    {
        int cLike = 0;
        int hash = 0;
        int xml = 0;
        int seen = 0;
        foreach (string raw in code)
        {
            ReadOnlySpan<char> s = raw.AsSpan().Trim();
            if (s.IsEmpty)
            {
                continue;
            }
            if (++seen > 400)
            {
                break;
            }
            if (s.StartsWith("<?xml") || s.StartsWith("<Project") || s.StartsWith("<!--") || s.StartsWith("<PropertyGroup")
                || s.StartsWith("<ItemGroup") || s.StartsWith("<configuration") || s.StartsWith("<html"))
            {
                xml += 3;
            }
            if (s.StartsWith("//") || s.StartsWith("/*") || s.StartsWith("#include") || s.StartsWith("#define")
                || s.StartsWith("namespace ") || s.StartsWith("using ") && s.EndsWith(";") || s.StartsWith("package ")
                || s.StartsWith("func ") || s.StartsWith("import (") || s.StartsWith("fn ") || s.StartsWith("pub fn ")
                || s.StartsWith("function ") || s.Contains("require(", StringComparison.Ordinal) || s.StartsWith("module.exports")
                || s.StartsWith("'use strict'") || s.StartsWith("\"use strict\"") || s.StartsWith("export ")
                || s.StartsWith("public ") || s.StartsWith("internal ") || s.StartsWith("private ") || s.StartsWith("#ifndef")
                || s.StartsWith("const ") && s.EndsWith(";") || s.StartsWith("}") || s.EndsWith("{") && !s.StartsWith("#"))
            {
                cLike++;
            }
            if (s.StartsWith("def ") || s.StartsWith("async def ") || s.StartsWith("from ") && s.Contains(" import ", StringComparison.Ordinal)
                || s.StartsWith("import ") && !s.EndsWith(";") && !s.Contains(" from ", StringComparison.Ordinal)
                || s.StartsWith("class ") && s.EndsWith(":") || s.StartsWith("#!/") || s.StartsWith("elif ")
                || s.StartsWith("if __name__") || s.StartsWith("\"\"\"") || s.StartsWith("fi") && s.Length == 2 || s.StartsWith("esac"))
            {
                hash += 2;
            }
        }
        int best = Math.Max(cLike, Math.Max(hash, xml));
        if (best < 3)
        {
            return CommentSyntax.None;
        }
        return best == xml ? CommentSyntax.Xml : best == hash && hash > cLike ? CommentSyntax.Hash : CommentSyntax.CLike;
    }
}
