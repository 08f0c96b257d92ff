namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// MSBuild's canonical diagnostic line, shared by csc, NuGet, tsc, <c>dotnet format</c> and most .NET tools:
/// <c>path(l,c): error CS0029: message [project::TargetFramework=net8.0]</c>, or project-level
/// <c>path.csproj : error NU1603: message [project]</c>.
/// </summary>
internal static class MsBuildDiagnostic
{
    public static bool TryParse(string line, out Diagnostic diagnostic)
    {
        diagnostic = null!;
        // MSBuild indents the findings it repeats in its closing summary at normal verbosity: the same finding.
        if (line.Length > 0 && line[0] == ' ')
        {
            line = line.TrimStart(' ');
        }
        // The first ": error ", ": warning " or ": info " (MSBuild puts a space before the colon for project-level ones).
        int at = -1;
        int sevLength = 0;
        int colonAt = line.IndexOf(": ", StringComparison.Ordinal);
        while (colonAt > 0)
        {
            ReadOnlySpan<char> after = line.AsSpan(colonAt + 2);
            int word = after.StartsWith("error ", StringComparison.Ordinal) ? 6
                : after.StartsWith("warning ", StringComparison.Ordinal) ? 8
                : after.StartsWith("info ", StringComparison.Ordinal) ? 5 : 0;
            if (word > 0)
            {
                bool spaced = line[colonAt - 1] == ' ';
                at = spaced ? colonAt - 1 : colonAt;
                sevLength = (spaced ? 3 : 2) + word;
                break;
            }
            colonAt = line.IndexOf(": ", colonAt + 2, StringComparison.Ordinal);
        }
        if (at <= 0)
        {
            return false;
        }
        // The code: letters then digits (CS0029, NU1603, TS2339, IDE0055) or an upper-case word (WHITESPACE), then ':'.
        int codeStart = at + sevLength;
        int colon = line.IndexOf(':', codeStart);
        if (colon <= codeStart || colon - codeStart > 40 || !IsCode(line.AsSpan(codeStart, colon - codeStart)))
        {
            return false;
        }
        string location = line[..at].TrimEnd();
        if (location.Length == 0 || location.Contains("  ", StringComparison.Ordinal))
        {
            return false;
        }
        string text = line;
        string? tfm = null;
        if (line.EndsWith(']'))
        {
            int open = line.LastIndexOf(" [", StringComparison.Ordinal);
            if (open > colon)
            {
                string bracket = line[(open + 2)..^1];
                if (IsProjectNote(bracket))
                {
                    text = line[..open];
                    int tf = bracket.IndexOf("TargetFramework=", StringComparison.Ordinal);
                    tfm = tf < 0 ? null : bracket[(tf + "TargetFramework=".Length)..];
                }
            }
        }
        string message = text[(at + (line[at] == ' ' ? 3 : 2))..];
        diagnostic = new Diagnostic(text, location, message, tfm);
        return true;
    }

    private static bool IsCode(ReadOnlySpan<char> code)
    {
        foreach (char c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }
        return char.IsAsciiLetter(code[0]);
    }

    private static bool IsProjectNote(string bracket) =>
        bracket.Contains("TargetFramework=", StringComparison.Ordinal) || bracket.EndsWith("proj", StringComparison.Ordinal)
        || bracket.EndsWith(".sln", StringComparison.Ordinal) || bracket.EndsWith(".slnx", StringComparison.Ordinal)
        || bracket.Contains("proj::", StringComparison.Ordinal);
}
