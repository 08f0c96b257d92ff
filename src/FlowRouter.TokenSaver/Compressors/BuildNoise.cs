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

    /// <summary>MSBuild's node prefix in detailed logs: <c>     1&gt;</c>, <c>  1:11&gt;</c>.</summary>
    public static string StripNodePrefix(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }
        int digits = i;
        while (i < line.Length && (char.IsAsciiDigit(line[i]) || (line[i] == ':' && i > digits)))
        {
            i++;
        }
        return i > digits && i < line.Length && line[i] == '>' ? line[(i + 1)..] : line;
    }

    /// <summary>An MSBuild log at normal or higher verbosity (target headings and project start/end lines).</summary>
    public static bool IsDetailedMsBuild(string text) => text.Contains("Done Building Project \"", StringComparison.Ordinal);

    /// <summary>Whether <c>lines[index]</c> is noise; the lines around it decide for progress runs and restore's lists.</summary>
    public static bool IsNoise(string[] lines, int index, bool detailedMsBuild)
    {
        string line = lines[index];
        string? next = index + 1 < lines.Length ? lines[index + 1] : null;
        string stripped = StripNodePrefix(line);
        ReadOnlySpan<char> s = stripped.AsSpan().Trim();
        if (detailedMsBuild && (IsMsBuildDetail(s) || (IsBareLocation(s) && InRestoreList(lines, index))))
        {
            return true;
        }
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

    /// <summary>
    /// MSBuild's detailed-verbosity chatter: target headings (<c>CoreCompile:</c>), skipped targets, project start and
    /// end lines, restore internals.
    /// </summary>
    private static bool IsMsBuildDetail(ReadOnlySpan<char> s)
    {
        if (s.Length > 1 && s[^1] == ':' && !s[..^1].ContainsAnyExcept(CharSets.Identifier))
        {
            return true;
        }
        return s.StartsWith("Skipping target \"", StringComparison.Ordinal) || s.StartsWith("Done Building Project \"", StringComparison.Ordinal)
            || (s.StartsWith("Project \"", StringComparison.Ordinal) && (s.Contains(" is building \"", StringComparison.Ordinal) || s.Contains("\" on node ", StringComparison.Ordinal)))
            || s.StartsWith("Build started, please wait", StringComparison.Ordinal) || s.StartsWith("Build completed.", StringComparison.Ordinal)
            || s.StartsWith("X.509 certificate chain validation", StringComparison.Ordinal) || s.StartsWith("Assets file has not changed", StringComparison.Ordinal)
            || s.StartsWith("Loading prune package data", StringComparison.Ordinal) || s.StartsWith("Failed to load prune package data", StringComparison.Ordinal)
            || s.StartsWith("Looking for targeting packs", StringComparison.Ordinal) || s.StartsWith("Pack directories found", StringComparison.Ordinal)
            || s.StartsWith("Found package overrides file", StringComparison.Ordinal) || s.StartsWith("Build continuing because", StringComparison.Ordinal)
            || s.StartsWith("Source Link is empty", StringComparison.Ordinal) || s.StartsWith("NuGet Config files used:", StringComparison.Ordinal)
            || s.StartsWith("Feeds used:", StringComparison.Ordinal) || s.StartsWith("Restoring packages for ", StringComparison.Ordinal)
            || s.StartsWith("Writing assets file to disk", StringComparison.Ordinal) || s.StartsWith("Writing cache file to disk", StringComparison.Ordinal)
            || s.StartsWith("Generating MSBuild file ", StringComparison.Ordinal) || s.StartsWith("Persisting no-op dg", StringComparison.Ordinal)
            || s.StartsWith("Copying file from ", StringComparison.Ordinal) || s.StartsWith("Creating directory ", StringComparison.Ordinal)
            || s.StartsWith("Touching \"", StringComparison.Ordinal) || s.StartsWith("Deleting file ", StringComparison.Ordinal)
            || s.StartsWith("Loaded prune package data", StringComparison.Ordinal) || s.StartsWith("Setting DOTNET_ROOT to ", StringComparison.Ordinal)
            || s.StartsWith("Compilation request ", StringComparison.Ordinal) || s.StartsWith("CompilerServer: ", StringComparison.Ordinal)
            || s.Contains(" /noconfig ", StringComparison.Ordinal) || IsSummaryPath(s) || IsRestoreListHeading(s);
    }

    private static bool IsRestoreListHeading(ReadOnlySpan<char> s) =>
        s.StartsWith("NuGet Config files used:", StringComparison.Ordinal) || s.StartsWith("Feeds used:", StringComparison.Ordinal);

    /// <summary>The longest list of config files or feeds looked back over: restore lists a handful.</summary>
    private const int MaxRestoreList = 32;

    /// <summary>
    /// Whether the lone path or URL at <paramref name="index"/> is one of those listed under restore's
    /// <c>NuGet Config files used:</c> or <c>Feeds used:</c>: only there is it noise. Anywhere else (a report written to
    /// a path, a link a tool prints) it stays.
    /// </summary>
    private static bool InRestoreList(string[] lines, int index)
    {
        for (int i = index - 1; i >= 0 && i >= index - MaxRestoreList; i--)
        {
            ReadOnlySpan<char> s = StripNodePrefix(lines[i]).AsSpan().Trim();
            if (IsRestoreListHeading(s))
            {
                return true;
            }
            if (!IsBareLocation(s))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// The path to a finding in MSBuild's closing summary: <c>"/s/a.csproj" (default target) (1) -&gt;</c>, then
    /// <c>(CoreCompile target) -&gt;</c>. The finding under it names its file and project already.
    /// </summary>
    private static bool IsSummaryPath(ReadOnlySpan<char> s) =>
        s.EndsWith("->", StringComparison.Ordinal) && (s[0] == '"' || s[0] == '(') && s.Contains(" target", StringComparison.Ordinal);

    /// <summary>A lone path or URL (what restore lists under <c>NuGet Config files used:</c>, among others).</summary>
    private static bool IsBareLocation(ReadOnlySpan<char> s) =>
        !s.Contains(' ') && (s.StartsWith("/", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal)
            || s.StartsWith("http://", StringComparison.Ordinal));

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
