using FlowRouter.TokenSaver.Compressors;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver;

/// <summary>Counts of line shapes in the head of an output, for <see cref="KindDetector"/>.</summary>
internal sealed class Features
{
    public int DiffHeaders { get; private set; }
    public int Hunks { get; private set; }
    public int FileMarkers { get; private set; }
    public int StatLines { get; private set; }
    public int Commits { get; private set; }
    public int OneLineLog { get; private set; }
    public int Blame { get; private set; }
    public int StatusMarkers { get; private set; }
    public int ShortStatus { get; private set; }
    public int TestMarkers { get; private set; }
    public int TraceMarkers { get; private set; }
    public int Frames { get; private set; }
    public int BuildMarkers { get; private set; }
    public int LintMarkers { get; private set; }
    public int Flake { get; private set; }
    public int Grep { get; private set; }
    /// <summary>rg's grouped layout: <c>12:text</c>/<c>12-text</c> lines (not times or dates), <c>--</c>, and the
    /// path lines that head them.</summary>
    public int GroupedGrep { get; private set; }
    public int GroupedMatches { get; private set; }
    public int LsLong { get; private set; }
    public int Tree { get; private set; }
    public int NumberedSource { get; private set; }
    public int SourceSignals { get; private set; }
    public bool PsHeader { get; private set; }
    public int DiskMarkers { get; private set; }
    public int Du { get; private set; }
    public int PackageMarkers { get; private set; }
    public int NpmTree { get; private set; }
    public int Wc { get; private set; }
    public int EnvMarkers { get; private set; }
    public int KeyValue { get; private set; }
    public int Paths { get; private set; }
    public int DirectoryEntries { get; private set; }
    public int Timestamped { get; private set; }

    public static Features Count(List<string> lines)
    {
        var f = new Features();
        var paths = new List<string>();
        bool grouped = lines.Count > 0 && IsGroupedMatch(lines[0]);
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            ReadOnlySpan<char> s = line.AsSpan().Trim();
            f.Git(line, s);
            f.Tests(line, s);
            f.Traces(line, s);
            f.Builds(line, s);
            f.Listings(line, s, i == 0);
            // Each line is tested once; its result is kept for the line before it (a path line heading matches).
            bool nextGrouped = i + 1 < lines.Count && IsGroupedMatch(lines[i + 1]);
            if (grouped || line == "--" || nextGrouped)
            {
                f.GroupedGrep++;
            }
            if (grouped && GrepCompressor.NumberedLine(line) == ':')
            {
                f.GroupedMatches++;
            }
            grouped = nextGrouped;
            if (FindCompressor.IsPath(line))
            {
                f.Paths++;
                paths.Add(line);
            }
        }
        f.DirectoryEntries = CountDirectoryEntries(paths);
        return f;
    }

    private void Git(string line, ReadOnlySpan<char> s)
    {
        if (GitDiffCompressor.IsFileHeader(line))
        {
            DiffHeaders++;
        }
        if (line.StartsWith("@@ -", StringComparison.Ordinal) || line.StartsWith("@@@ -", StringComparison.Ordinal))
        {
            Hunks++;
        }
        if (line.StartsWith("--- ", StringComparison.Ordinal) || line.StartsWith("+++ ", StringComparison.Ordinal))
        {
            FileMarkers++;
        }
        // git log --graph draws "* " (or "| * ") before the commit line.
        if (GitCommitHeader.IsCommitLine(line) || GitLogCompressor.GraphWidth(line) > 0)
        {
            Commits++;
        }
        if (GitStatLine.TryCondense(line, out _) || GitStatLine.IsSummary(line))
        {
            StatLines++;
        }
        if (IsOneLineLog(line))
        {
            OneLineLog++;
        }
        if (line.Length > 9 && (char.IsAsciiHexDigit(line[0]) || line[0] == '^') && ((line.Contains(" (", StringComparison.Ordinal)
            && GitBlameCompressor.TryParseDefault(line, out _, out _, out _, out _, out _, out _)) || GitBlameCompressor.LooksLikeBlame(line)))
        {
            Blame++;
        }
        if (line.StartsWith("On branch ", StringComparison.Ordinal) || line.StartsWith("HEAD detached ", StringComparison.Ordinal)
            || line.StartsWith("# branch.", StringComparison.Ordinal) || s.StartsWith("Changes not staged for commit:", StringComparison.Ordinal)
            || s.StartsWith("Changes to be committed:", StringComparison.Ordinal) || s.StartsWith("Untracked files:", StringComparison.Ordinal)
            || s.StartsWith("nothing to commit", StringComparison.Ordinal) || s.StartsWith("Unmerged paths:", StringComparison.Ordinal)
            || GitStatusCompressor.TryPorcelainV2(line, out _))
        {
            StatusMarkers++;
        }
        if (line.Length > 3 && "MADRCU?! T".Contains(line[0], StringComparison.Ordinal) && "MADRCU?! T".Contains(line[1], StringComparison.Ordinal)
            && line[2] == ' ' && line[3] != ' ' && !(line[0] == ' ' && line[1] == ' '))
        {
            ShortStatus++;
        }
    }

    /// <summary><c>a3714473 subject</c>, with an optional graph prefix (<c>* </c>, <c>| * </c>).</summary>
    private static bool IsOneLineLog(string line)
    {
        int i = 0;
        while (i < line.Length && line[i] is '*' or '|' or '/' or '\\' or ' ' or '_')
        {
            i++;
        }
        int start = i;
        while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is >= 'a' and <= 'f'))
        {
            i++;
        }
        return i - start is >= 7 and <= 40 && i < line.Length && line[i] == ' ';
    }

    private void Tests(string line, ReadOnlySpan<char> s)
    {
        if (s.StartsWith("Test run for ", StringComparison.Ordinal) || s.StartsWith("Passed!  - ", StringComparison.Ordinal)
            || s.StartsWith("Failed!  - ", StringComparison.Ordinal) || s.StartsWith("Total tests:", StringComparison.Ordinal)
            || line.StartsWith("[xUnit.net ", StringComparison.Ordinal)
            || (PytestRules.TryRule(line, '=', out string title) && (title.Contains("test session starts", StringComparison.Ordinal)
                || title.Contains("FAILURES", StringComparison.Ordinal) || title.Contains("short test summary", StringComparison.Ordinal)
                || title.Contains(" passed", StringComparison.Ordinal) || title.Contains(" failed", StringComparison.Ordinal)))
            || PytestRules.IsProgress(line)
            || s.StartsWith("✔ ") || s.StartsWith("✓ ") || IsCount(s, " passing") || IsCount(s, " failing")
            || (line.StartsWith("  ", StringComparison.Ordinal) && s.Length >= 10 && !s.ContainsAnyExcept(".,!"))
            || s.StartsWith("=== RUN ", StringComparison.Ordinal) || s.StartsWith("--- FAIL: ", StringComparison.Ordinal)
            || s.StartsWith("--- PASS: ", StringComparison.Ordinal) || s.StartsWith("test result: ", StringComparison.Ordinal)
            || (s.StartsWith("running ", StringComparison.Ordinal) && s.EndsWith(" tests", StringComparison.Ordinal))
            || s.StartsWith("Test project ", StringComparison.Ordinal) || s.Contains("% tests passed, ", StringComparison.Ordinal)
            || s.StartsWith("[==========] ", StringComparison.Ordinal) || s.StartsWith("[  FAILED  ] ", StringComparison.Ordinal)
            || s.StartsWith("Test Suites: ", StringComparison.Ordinal) || s.StartsWith("Test Files ", StringComparison.Ordinal)
            || (s.Contains(" Tests ", StringComparison.Ordinal) && s.Contains(" Failures ", StringComparison.Ordinal) && s.Contains(" Ignored", StringComparison.Ordinal))
            || SimpleRunnerRules.IsPassing(line) || s.StartsWith("TAP version ", StringComparison.Ordinal)
            || (s.StartsWith("Ran ", StringComparison.Ordinal) && s.Contains(" test", StringComparison.Ordinal) && s.Contains(" in ", StringComparison.Ordinal))
            || s.StartsWith("FAILED (failures=", StringComparison.Ordinal) || s.StartsWith("FAILED (errors=", StringComparison.Ordinal))
        {
            TestMarkers++;
        }
    }

    private static bool IsCount(ReadOnlySpan<char> s, string word)
    {
        int space = s.IndexOf(' ');
        return space > 0 && Lines.IsDigits(s[..space]) && s[space..].StartsWith(word, StringComparison.Ordinal);
    }

    private void Traces(string line, ReadOnlySpan<char> s)
    {
        if (s.StartsWith("Traceback (most recent call last):", StringComparison.Ordinal) || s.StartsWith("Unhandled exception.", StringComparison.Ordinal)
            || s.StartsWith("Exception in thread ", StringComparison.Ordinal) || s.StartsWith("panic: ", StringComparison.Ordinal)
            || (s.StartsWith("goroutine ", StringComparison.Ordinal) && s.EndsWith("]:", StringComparison.Ordinal))
            || s.Contains("ERROR: AddressSanitizer", StringComparison.Ordinal) || s.Contains("ERROR: LeakSanitizer", StringComparison.Ordinal)
            || s.StartsWith("Caused by: ", StringComparison.Ordinal) || s.StartsWith("SUMMARY: ", StringComparison.Ordinal)
            || IsExceptionLine(line) || IsNodeCrashFooter(s))
        {
            TraceMarkers++;
        }
        if (StackFrames.Classify(line) != StackFrames.Kind.NotFrame)
        {
            Frames++;
        }
    }

    private static readonly System.Buffers.SearchValues<char> VersionChars = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary><c>Node.js v20.20.2</c>: what node prints last when an uncaught error ends it.</summary>
    private static bool IsNodeCrashFooter(ReadOnlySpan<char> s) =>
        s.StartsWith("Node.js v", StringComparison.Ordinal) && s.Length > 9 && !s[9..].ContainsAnyExcept(VersionChars);

    /// <summary><c>TypeError: message</c>, <c>System.InvalidOperationException: message</c> at the start of a line.</summary>
    private static bool IsExceptionLine(string line)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || colon > 120)
        {
            return false;
        }
        ReadOnlySpan<char> type = line.AsSpan(0, colon);
        if (!char.IsAsciiLetter(type[0]) || type.ContainsAny(" \t/\\"))
        {
            return false;
        }
        return type.EndsWith("Error") || type.EndsWith("Exception") || type.EndsWith("Warning") || type.EndsWith("Failure");
    }

    private void Builds(string line, ReadOnlySpan<char> s)
    {
        bool msbuild = MsBuildDiagnostic.TryParse(line, out Diagnostic d);
        if (msbuild && IsLintCode(d.Message))
        {
            LintMarkers++;
        }
        else if (msbuild || s.StartsWith("Build succeeded", StringComparison.Ordinal) || s.StartsWith("Build FAILED", StringComparison.Ordinal)
            || s.StartsWith("Determining projects to restore", StringComparison.Ordinal) || s.StartsWith("Time Elapsed ", StringComparison.Ordinal)
            || s.Contains(": error: ", StringComparison.Ordinal) || s.Contains(": warning: ", StringComparison.Ordinal)
            || s.Contains(": fatal error: ", StringComparison.Ordinal) || s.Contains("undefined reference to ", StringComparison.Ordinal)
            || s.StartsWith("collect2: ", StringComparison.Ordinal) || s.Contains(": In function ", StringComparison.Ordinal)
            || (s.StartsWith("make", StringComparison.Ordinal) && s.Contains(": ***", StringComparison.Ordinal))
            || (s.StartsWith("make[", StringComparison.Ordinal) && s.Contains("]: ", StringComparison.Ordinal))
            || s.StartsWith("-- The C compiler identification", StringComparison.Ordinal) || s.StartsWith("-- The CXX compiler identification", StringComparison.Ordinal)
            || s.StartsWith("-- Configuring done", StringComparison.Ordinal) || s.StartsWith("CMake Error", StringComparison.Ordinal)
            || (s.Length > 6 && s[0] == '[' && s[4] == '%' && s[5] == ']')
            || s.StartsWith("npm ERR!", StringComparison.Ordinal) || s.StartsWith("npm error ", StringComparison.Ordinal)
            || s.StartsWith("npm warn ", StringComparison.Ordinal) || s.StartsWith("npm WARN ", StringComparison.Ordinal)
            || (s.StartsWith("added ", StringComparison.Ordinal) && s.Contains(" packages", StringComparison.Ordinal))
            || (s.StartsWith("Found ", StringComparison.Ordinal) && s.Contains(" error", StringComparison.Ordinal) && s.EndsWith(".", StringComparison.Ordinal)))
        {
            BuildMarkers++;
        }
        if (LintCompressor.TryColonStyle(line, out _))
        {
            Flake++;
        }
        if ((s.StartsWith("✖ ") && s.Contains(" problem", StringComparison.Ordinal))
            || (s.StartsWith("Found ", StringComparison.Ordinal) && s.Contains(" error", StringComparison.Ordinal) && s.Contains(" in ", StringComparison.Ordinal) && s.Contains(" file", StringComparison.Ordinal) && !s.EndsWith(".", StringComparison.Ordinal))
            || s.StartsWith("Warnings were encountered while loading the workspace", StringComparison.Ordinal)
            || IsEslintProblem(line))
        {
            LintMarkers++;
        }
    }

    /// <summary><c>error WHITESPACE:</c>, <c>warning IDE0055:</c>: what <c>dotnet format</c> reports.</summary>
    private static bool IsLintCode(string message)
    {
        int space = message.IndexOf(' ');
        int colon = message.IndexOf(':');
        if (space < 0 || colon < space)
        {
            return false;
        }
        ReadOnlySpan<char> code = message.AsSpan(space + 1, colon - space - 1);
        return code.StartsWith("IDE") || (code.Length > 3 && !code.ContainsAnyExcept(CharSets.UpperWord));
    }

    private static bool IsEslintProblem(string line)
    {
        if (!line.StartsWith("  ", StringComparison.Ordinal))
        {
            return false;
        }
        var f = Lines.Fields(line);
        if (f.Count < 3)
        {
            return false;
        }
        ReadOnlySpan<char> pos = line.AsSpan(f[0].Start, f[0].Length);
        int colon = pos.IndexOf(':');
        ReadOnlySpan<char> sev = line.AsSpan(f[1].Start, f[1].Length);
        return colon > 0 && Lines.IsDigits(pos[..colon]) && Lines.IsDigits(pos[(colon + 1)..]) && (sev is "error" or "warning");
    }

    private void Listings(string line, ReadOnlySpan<char> s, bool first)
    {
        if (GrepCompressor.TryMatch(line, out int pathEnd, out _) && LooksLikePathStart(line.AsSpan(0, pathEnd)))
        {
            Grep++;
        }
        else if (line == "--" || IsGrepContext(line))
        {
            Grep++;
        }
        var fields = Lines.Fields(line);
        if (fields.Count > 0 && LsCompressor.IsMode(line.AsSpan(fields[0].Start, fields[0].Length)))
        {
            LsLong++;
        }
        else if (first && s.StartsWith("total ", StringComparison.Ordinal))
        {
            LsLong++;
        }
        if (TreeCompressor.Depth(line, out _) > 0 || (s.EndsWith(" files", StringComparison.Ordinal) && s.Contains(" director", StringComparison.Ordinal)))
        {
            Tree++;
        }
        if (SourceLines.NumberEnd(line) > 0)
        {
            NumberedSource++;
        }
        if (s.StartsWith("using ") && s.EndsWith(";") || s.StartsWith("namespace ") || s.StartsWith("#include ") || s.StartsWith("package ")
            || s.StartsWith("import ") || s.StartsWith("def ") || s.StartsWith("func ") || s.StartsWith("class ")
            || s.StartsWith("public ") || s.StartsWith("function ") || s.Contains("require(", StringComparison.Ordinal)
            || s.StartsWith("<Project") || s.StartsWith("<?xml") || s.StartsWith("#define ") || s.StartsWith("'use strict'"))
        {
            SourceSignals++;
        }
        if (first && fields.Count >= 3 && line.Contains("PID", StringComparison.Ordinal)
            && (s.EndsWith("COMMAND", StringComparison.Ordinal) || s.EndsWith("CMD", StringComparison.Ordinal)))
        {
            PsHeader = true;
        }
        if ((s.StartsWith("Filesystem ", StringComparison.Ordinal) && s.Contains("Mounted on", StringComparison.Ordinal))
            || (s.StartsWith("total ", StringComparison.Ordinal) && s.Contains(" used ", StringComparison.Ordinal) && s.Contains(" free ", StringComparison.Ordinal))
            || s.StartsWith("Mem:", StringComparison.Ordinal))
        {
            DiskMarkers++;
        }
        if (IsDuLine(line))
        {
            Du++;
        }
        if (PackageListCompressor.TryTree(line, out string entry) && entry.Contains('@', StringComparison.Ordinal))
        {
            NpmTree++;
        }
        // pip list's header: "Package Version", with -v "… Location Installer", with --outdated "… Latest Type".
        if ((first && fields.Count >= 2 && s.StartsWith("Package ", StringComparison.Ordinal)
                && line.AsSpan(fields[1].Start, fields[1].Length) is "Version")
            || s.StartsWith(DpkgTable.LegendStart, StringComparison.Ordinal) || s.Contains(PackageListCompressor.DotnetListHeading, StringComparison.Ordinal)
            || (s.StartsWith("Package ", StringComparison.Ordinal) && s.Contains(" Current ", StringComparison.Ordinal) && s.Contains(" Wanted ", StringComparison.Ordinal))
            || s.StartsWith("Top-level Package ", StringComparison.Ordinal))
        {
            PackageMarkers++;
        }
        if (IsWcLine(s))
        {
            Wc++;
        }
        if (s.StartsWith(".NET SDK:", StringComparison.Ordinal) || s.StartsWith("Runtime Environment:", StringComparison.Ordinal)
            || (first && s.StartsWith("{ node: '", StringComparison.Ordinal))
            || s.StartsWith("; \"user\" config from", StringComparison.Ordinal) || s.StartsWith("; node bin location", StringComparison.Ordinal))
        {
            EnvMarkers++;
        }
        if (IsKeyValue(line))
        {
            KeyValue++;
        }
        if (IsTimestamped(s))
        {
            Timestamped++;
        }
    }

    /// <summary><c>12:text</c> or <c>12-text</c>, but not a time (<c>12:00:01</c>) or date (<c>2026-01-02</c>).</summary>
    private static bool IsGroupedMatch(string line)
    {
        if (GrepCompressor.NumberedLine(line) == '\0')
        {
            return false;
        }
        int after = line.AsSpan().IndexOfAny(':', '-') + 1;
        return after < line.Length && !char.IsAsciiDigit(line[after]);
    }

    private static bool LooksLikePathStart(ReadOnlySpan<char> path) =>
        !path.IsEmpty && !path.Contains(' ') && (path.Contains('/') || path.Contains('.') || path.Contains('\\'));

    private static bool IsGrepContext(string line)
    {
        // path-12-text: a '-', digits, '-' after a path-looking start.
        int dash = line.IndexOf('-', StringComparison.Ordinal);
        while (dash > 0)
        {
            int d = dash + 1;
            while (d < line.Length && char.IsAsciiDigit(line[d]))
            {
                d++;
            }
            if (d > dash + 1 && d < line.Length && line[d] == '-' && LooksLikePathStart(line.AsSpan(0, dash)))
            {
                return true;
            }
            dash = line.IndexOf('-', dash + 1);
        }
        return false;
    }

    private static bool IsDuLine(string line)
    {
        int tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab <= 0)
        {
            return false;
        }
        ReadOnlySpan<char> size = line.AsSpan(0, tab);
        if (size[^1] is 'K' or 'M' or 'G' or 'T' or 'P' or 'B')
        {
            size = size[..^1];
        }
        return !size.IsEmpty && !size.ContainsAnyExcept(CharSets.SizeDigits);
    }

    /// <summary><c>  4129 completions_test.go</c>, <c>15226 total</c>, <c>  10  120 file</c>.</summary>
    private static bool IsWcLine(ReadOnlySpan<char> s)
    {
        int space = s.IndexOf(' ');
        if (space <= 0 || !Lines.IsDigits(s[..space]))
        {
            return false;
        }
        ReadOnlySpan<char> rest = s[space..].TrimStart();
        while (!rest.IsEmpty && char.IsAsciiDigit(rest[0]))
        {
            int sp = rest.IndexOf(' ');
            if (sp < 0 || !Lines.IsDigits(rest[..sp]))
            {
                break;
            }
            rest = rest[sp..].TrimStart();
        }
        return !rest.IsEmpty && !rest.Contains(' ');
    }

    private static bool IsKeyValue(string line)
    {
        int eq = line.IndexOf('=', StringComparison.Ordinal);
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        int end = eq > 0 ? eq : colon;
        if (end <= 0)
        {
            return false;
        }
        ReadOnlySpan<char> key = line.AsSpan(0, end).Trim();
        return !key.IsEmpty && (char.IsAsciiLetter(key[0]) || key[0] == '_') && !key.ContainsAnyExcept(CharSets.KeyChars);
    }

    /// <summary>A log line: ISO date, <c>[12:00:00]</c>, syslog's <c>Jan 12 12:00:00</c>, or a level word first.</summary>
    private static bool IsTimestamped(ReadOnlySpan<char> s)
    {
        if (s.Length < 8)
        {
            return false;
        }
        if (s[0] == '[')
        {
            s = s[1..];
        }
        bool iso = s.Length >= 10 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[3]) && s[4] == '-' && s[7] == '-';
        bool clock = s.Length >= 8 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && s[2] == ':' && s[5] == ':';
        bool level = s.StartsWith("INFO") || s.StartsWith("WARN") || s.StartsWith("ERROR") || s.StartsWith("DEBUG")
            || s.StartsWith("TRACE") || s.StartsWith("info:") || s.StartsWith("warn:") || s.StartsWith("fail:") || s.StartsWith("dbug:");
        bool syslog = s.Length >= 15 && char.IsAsciiLetterUpper(s[0]) && s[3] == ' ' && s[9] == ':' && s[12] == ':';
        return iso || clock || level || syslog;
    }

    /// <summary>Paths that other paths are under: find lists directories, grep -l never does.</summary>
    private static int CountDirectoryEntries(List<string> paths)
    {
        var set = new HashSet<string>(paths, StringComparer.Ordinal);
        int n = 0;
        foreach (string p in paths)
        {
            if (p is "." or "./")
            {
                n++;
                continue;
            }
            int slash = p.LastIndexOf('/');
            if (slash > 0 && set.Contains(p[..slash]))
            {
                n++;
            }
        }
        return n;
    }
}
