using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Linter output: flake8/pycodestyle/ruff (<c>path:l:c: CODE message</c>), mypy (<c>path:l: error: message [code]</c>),
/// eslint's stylish format (a file line, then <c>l:c  severity  message  rule</c>), <c>dotnet format</c> and other
/// MSBuild-style lines. Every finding keeps its location, code and message; a message found at three or more places
/// is written once, followed by all its locations (in order), and MSBuild's project suffix goes. Summaries
/// (<c>✖ 6 problems</c>, <c>Found 3 errors in 2 files</c>) and unrecognised lines stay. A finding followed by
/// mypy's <c>note:</c> lines keeps them under it and is not folded into a group.
/// </summary>
internal static class LintCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var items = new List<object>(lines.Length);
        int recognised = 0;
        string? eslintFile = null;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line))
            {
                eslintFile = null;
                continue;
            }
            if (MsBuildDiagnostic.TryParse(line, out Diagnostic d) || TryColonStyle(line, out d))
            {
                items.Add(d);
                recognised++;
                continue;
            }
            if (eslintFile is not null && TryEslintProblem(line, eslintFile, out d))
            {
                items.Add(d);
                recognised++;
                continue;
            }
            if (IsEslintFileHeader(line))
            {
                eslintFile = line;
                items.Add(line);
                continue;
            }
            DiagnosticWriter.AddLine(items, line);
        }
        if (recognised == 0)
        {
            return null;
        }
        var w = new LineWriter(text.Length);
        DiagnosticWriter.Write(items, w, out int repeats);
        if (repeats > 0)
        {
            w.Line(Marker.Omitted(repeats, "repeated findings"));
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary><c>path:12:80: E501 line too long</c> (flake8) and <c>path:12: error: message  [code]</c> (mypy).</summary>
    internal static bool TryColonStyle(string line, out Diagnostic d)
    {
        d = null!;
        if (!GrepCompressor.TryMatch(line, out int pathEnd, out int textStart) || textStart >= line.Length)
        {
            return false;
        }
        // An optional column.
        int i = textStart;
        int col = i;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }
        int locEnd = i > col && i < line.Length && line[i] == ':' ? i : textStart - 1;
        int msgStart = locEnd + 1;
        if (msgStart >= line.Length || line[msgStart] != ' ')
        {
            return false;
        }
        string message = line[(msgStart + 1)..];
        bool flake = message.Length > 2 && char.IsAsciiLetterUpper(message[0]) && message.IndexOf(' ') is > 1 and < 8
            && Lines.IsDigits(message.AsSpan(1, message.IndexOf(' ') - 1).TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        bool mypy = message.StartsWith("error: ", StringComparison.Ordinal) || message.StartsWith("warning: ", StringComparison.Ordinal);
        if (!flake && !mypy)
        {
            return false;
        }
        _ = pathEnd;
        d = new Diagnostic(line, line[..locEnd], message, null);
        return true;
    }

    private static bool IsEslintFileHeader(string line) =>
        line.Length > 1 && (line[0] == '/' || line[0] == '.' || char.IsAsciiLetterOrDigit(line[0]) || line[1] == ':')
        && !line.Contains(' ', StringComparison.Ordinal) && (line.Contains('/', StringComparison.Ordinal) || line.Contains('\\', StringComparison.Ordinal));

    /// <summary><c>  30:5   error  'x' is assigned a value but never used  no-unused-vars</c></summary>
    private static bool TryEslintProblem(string line, string file, out Diagnostic d)
    {
        d = null!;
        var f = Lines.Fields(line);
        if (f.Count < 3 || !char.IsWhiteSpace(line[0]))
        {
            return false;
        }
        ReadOnlySpan<char> pos = line.AsSpan(f[0].Start, f[0].Length);
        int colon = pos.IndexOf(':');
        if (colon <= 0 || !Lines.IsDigits(pos[..colon]) || !Lines.IsDigits(pos[(colon + 1)..]))
        {
            return false;
        }
        string severity = line.Substring(f[1].Start, f[1].Length);
        if (severity is not ("error" or "warning"))
        {
            return false;
        }
        // The rule is the last column, two or more spaces after the message (absent for parse errors).
        string rest = line[f[2].Start..].TrimEnd();
        int gap = rest.LastIndexOf("  ", StringComparison.Ordinal);
        string message = gap < 0 ? rest : rest[..gap].TrimEnd() + "  " + rest[(gap + 2)..].TrimStart();
        string location = pos.ToString();
        d = new Diagnostic("  " + location + " " + severity + " " + message, location, "  " + severity + " " + message, null, file);
        return true;
    }
}
