using FlowRouter.TokenSaver.Compressors;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver;

/// <summary>
/// Tells the kind of a tool output from its first few KB, by the shape of its lines: unmistakable markers first
/// (<c>diff --git</c>, a test runner's summary, <c>Traceback</c>), then the share of lines that fit each kind's line
/// shape. When nothing fits well enough the answer is <c>text</c>, which only gets the generic cleanup.
/// </summary>
internal static class KindDetector
{
    public static string Detect(ReadOnlySpan<char> head, CommandHint.Producer producer = CommandHint.Producer.Unknown)
    {
        // After npm's "npm error …" lines, if any (ToolNotesEnd is 0 without them).
        if (LooksLikeJson(head[JsonCompressor.ToolNotesEnd(head)..]) || LooksLikeNestedJsLiteral(head))
        {
            return OutputKinds.Json;
        }
        string text = head.ToString();
        string[] all = Lines.Split(text);
        if (head.Length >= ToolOutputCompressor.DetectionWindow && all.Length > 1)
        {
            // The window cut the last line short.
            all = all[..^1];
        }
        var lines = new List<string>(all.Length);
        foreach (string l in all)
        {
            if (!Lines.IsBlank(l))
            {
                lines.Add(l);
            }
        }
        if (lines.Count == 0)
        {
            return OutputKinds.Text;
        }
        var f = Features.Count(lines);
        int n = lines.Count;
        if (f.DiffHeaders > 0 || (f.Hunks > 0 && f.FileMarkers > 0) || (f.StatLines * 10 >= n * 8 && n >= 2))
        {
            return OutputKinds.GitDiff;
        }
        if (f.TestMarkers > 0)
        {
            return OutputKinds.TestOutput;
        }
        if (f.TraceMarkers > 0 && f.Frames > 0)
        {
            return OutputKinds.StackTrace;
        }
        if (f.Commits > 0)
        {
            return OutputKinds.GitLog;
        }
        if (f.Blame * 10 >= n * 8 || (n > 0 && GitBlameCompressor.IsPorcelainHeader(lines[0])))
        {
            return OutputKinds.GitBlame;
        }
        if (f.StatusMarkers > 0 || f.ShortStatus * 10 >= n * 9)
        {
            return OutputKinds.GitStatus;
        }
        if (f.LintMarkers > 0 || f.Flake * 2 >= n)
        {
            return OutputKinds.Lint;
        }
        // dotnet list package restores first ("Determining projects to restore..."): its package tables outweigh that.
        if (f.BuildMarkers > 0 && f.PackageMarkers < f.BuildMarkers)
        {
            return OutputKinds.BuildLog;
        }
        if (f.Frames * 3 >= n && f.Frames >= 2)
        {
            return OutputKinds.StackTrace;
        }
        // Lines a search printed without their paths (grep -h) look like a file, but they are matches: no file cuts.
        bool search = producer == CommandHint.Producer.Search;
        if (f.NumberedSource * 10 >= n * 9 && n >= 3 && !search)
        {
            return OutputKinds.Cat;
        }
        if (f.OneLineLog * 10 >= n * 7)
        {
            return OutputKinds.GitLog;
        }
        if (f.Grep * 10 >= n * 6)
        {
            return OutputKinds.Grep;
        }
        // rg's grouped layout (path lines heading "12:text" lines) or grep -n of one file; read as source code, its
        // matches would be cut as comments and bodies.
        if (f.GroupedGrep * 10 >= n * 9 && f.GroupedMatches > 0 && n >= 2)
        {
            return OutputKinds.Grep;
        }
        if (f.LsLong * 2 >= n)
        {
            return OutputKinds.Ls;
        }
        if (f.PackageMarkers > 0 || f.NpmTree * 2 >= n)
        {
            return OutputKinds.PackageList;
        }
        if (f.Tree * 2 >= n)
        {
            return OutputKinds.Tree;
        }
        if (f.PsHeader)
        {
            return OutputKinds.Ps;
        }
        if (f.DiskMarkers > 0 || f.Du * 10 >= n * 7)
        {
            return OutputKinds.Disk;
        }
        if (f.Wc * 10 >= n * 8)
        {
            return OutputKinds.Wc;
        }
        if (f.EnvMarkers > 0 || f.KeyValue * 10 >= n * 7)
        {
            return OutputKinds.Env;
        }
        if (!search && SourceLines.DetectSyntax(lines.ToArray()) != CommentSyntax.None && f.SourceSignals >= 2)
        {
            return OutputKinds.Cat;
        }
        // A path list made by find (the command says so when the tool call carries one) or showing directories as
        // entries too, which grep -l never does.
        if (f.Paths * 10 >= n * 9 && (f.DirectoryEntries > 0 || producer == CommandHint.Producer.Find))
        {
            return OutputKinds.Find;
        }
        if (f.Timestamped * 2 >= n && n >= 4)
        {
            return OutputKinds.Log;
        }
        return OutputKinds.Text;
    }

    /// <summary>An object (<c>{</c> then a quoted key or <c>}</c>) or an array of JSON values.</summary>
    internal static bool LooksLikeJson(ReadOnlySpan<char> head)
    {
        ReadOnlySpan<char> s = head.TrimStart();
        if (s.Length < 2)
        {
            return false;
        }
        ReadOnlySpan<char> next = s[1..].TrimStart();
        if (next.IsEmpty)
        {
            return false;
        }
        return s[0] switch
        {
            '{' => next[0] is '"' or '}',
            '[' => next[0] is '{' or '[' or '"' or ']' || IsScalarThenSeparator(next),
            _ => false,
        };
    }

    /// <summary>
    /// Node's printed object literal with nested objects or arrays (<c>process.config</c>); a flat one
    /// (<c>process.versions</c>) reads as a key: value listing instead.
    /// </summary>
    private static bool LooksLikeNestedJsLiteral(ReadOnlySpan<char> head)
    {
        if (!JsLiteral.IsLiteral(head))
        {
            return false;
        }
        int first = head.IndexOf('\n');
        if (first < 0)
        {
            return false;
        }
        foreach (Range r in head[(first + 1)..].Split('\n'))
        {
            ReadOnlySpan<char> line = head[(first + 1)..][r].TrimEnd();
            if (line.EndsWith("{") || line.EndsWith("["))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary><c>12,</c> or <c>true]</c>: a number or literal followed by a comma or the end of the array (not
    /// cmake's <c>[ 45%]</c>).</summary>
    private static bool IsScalarThenSeparator(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (s.StartsWith("true") || s.StartsWith("null"))
        {
            i = 4;
        }
        else if (s.StartsWith("false"))
        {
            i = 5;
        }
        else
        {
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '-' or '+' or '.' or 'e' or 'E'))
            {
                i++;
            }
            if (i == 0)
            {
                return false;
            }
        }
        ReadOnlySpan<char> after = s[i..].TrimStart();
        return !after.IsEmpty && after[0] is ',' or ']';
    }
}
