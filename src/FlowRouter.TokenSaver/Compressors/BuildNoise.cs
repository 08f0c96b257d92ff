using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>Lines of build output that say nothing a model acts on, and the status lines that say the most.</summary>
internal static class BuildNoise
{
    private static readonly string[] NoisePrefixes =
    [
        "Determining projects to restore", "All projects are up-to-date for restore", "Restored ", "MSBuild version ",
        "Time Elapsed ", "Build started ", "Workload updates are available", "Restore complete", "Welcome to .NET",
        "-- Detecting ", "-- Check for working ", "Scanning dependencies of target ", "Consolidate compiler generated dependencies",
        "run `npm fund` for details",
    ];

    public static bool IsNoise(string line, string? next)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        foreach (string p in NoisePrefixes)
        {
            if (s.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }
        // make[1]: Entering directory '/x' / Leaving directory
        if (s.StartsWith("make", StringComparison.Ordinal) && (s.Contains(": Entering directory ", StringComparison.Ordinal)
            || s.Contains(": Leaving directory ", StringComparison.Ordinal)))
        {
            return true;
        }
        // "  Serilog -> /src/bin/Debug/net8.0/Serilog.dll": a project's output path.
        if (line.StartsWith("  ", StringComparison.Ordinal) && IsOutputLine(s))
        {
            return true;
        }
        // cmake probes whose result is ordinary; a failed or missing one stays.
        if (s.StartsWith("-- Performing Test ", StringComparison.Ordinal) || s.StartsWith("-- Looking for ", StringComparison.Ordinal))
        {
            return !(s.EndsWith(" - Failed", StringComparison.Ordinal) || s.EndsWith(" - not found", StringComparison.Ordinal));
        }
        if (s.EndsWith(" packages are looking for funding", StringComparison.Ordinal) || s.EndsWith(" package is looking for funding", StringComparison.Ordinal))
        {
            return true;
        }
        if (IsCaretLine(s))
        {
            return true;
        }
        // "[ 45%] Building C object x.o" when the next line is another progress line: it compiled cleanly.
        return IsProgress(s) && !s.Contains("Built target", StringComparison.Ordinal) && next is not null && IsProgress(next.AsSpan().Trim());
    }

    /// <summary>A compiler's column underline (<c>|    ^~~</c>, <c>~~~~</c>): the column is already in the location.</summary>
    internal static bool IsCaretLine(ReadOnlySpan<char> s)
    {
        if (s.StartsWith("|"))
        {
            s = s[1..].Trim();
        }
        return !s.IsEmpty && (s.Contains('^') || s.Contains('~')) && !s.ContainsAnyExcept("^~ -");
    }

    private static bool IsOutputLine(ReadOnlySpan<char> s)
    {
        int arrow = s.IndexOf(" -> ", StringComparison.Ordinal);
        if (arrow <= 0 || s[..arrow].Contains(' '))
        {
            return false;
        }
        ReadOnlySpan<char> target = s[(arrow + 4)..];
        return target.Length > 0 && (target[0] == '/' || (target.Length > 2 && target[1] == ':')) && !target.Contains(' ');
    }

    private static bool IsProgress(ReadOnlySpan<char> s) =>
        s.Length > 6 && s[0] == '[' && s[4] == '%' && s[5] == ']' && Lines.IsDigits(s[1..4].Trim());

    public static bool IsStatus(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return s.StartsWith("Build succeeded", StringComparison.Ordinal) || s.StartsWith("Build FAILED", StringComparison.Ordinal)
            || s.EndsWith("Warning(s)", StringComparison.Ordinal) || s.EndsWith("Error(s)", StringComparison.Ordinal)
            || s.Contains("Built target ", StringComparison.Ordinal) || s.Contains("*** [", StringComparison.Ordinal)
            || s.StartsWith("collect2:", StringComparison.Ordinal) || s.StartsWith("cc1:", StringComparison.Ordinal)
            || s.StartsWith("-- ", StringComparison.Ordinal) || s.StartsWith("CMake ", StringComparison.Ordinal)
            || s.StartsWith("npm ", StringComparison.Ordinal) || s.Contains(": error:", StringComparison.Ordinal)
            || s.Contains(": warning:", StringComparison.Ordinal) || s.Contains(": In function", StringComparison.Ordinal)
            || s.StartsWith("Failed to restore", StringComparison.Ordinal) || s.StartsWith("Found ", StringComparison.Ordinal);
    }
}
