using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class BuildLogCompressorTests
{
    [Fact]
    public void Compress_MsBuildSummary_WritesEachDiagnosticOnceWithItsFrameworks()
    {
        string log = "  Determining projects to restore...\n  Restored /s/A.csproj (in 430 ms).\n"
            + "/s/L.cs(133,24): warning CS8600: Converting null literal. [/s/A.csproj::TargetFramework=net8.0]\n"
            + "/s/L.cs(133,24): warning CS8600: Converting null literal. [/s/A.csproj::TargetFramework=net9.0]\n"
            + "  A -> /s/bin/Debug/net8.0/A.dll\n\nBuild succeeded.\n\n"
            + "/s/L.cs(133,24): warning CS8600: Converting null literal. [/s/A.csproj::TargetFramework=net8.0]\n"
            + "    1 Warning(s)\n    0 Error(s)\n\nTime Elapsed 00:00:09.76\n";
        Assert.Equal("/s/L.cs(133,24): warning CS8600: Converting null literal. [net8.0, net9.0]\nBuild succeeded.\n    1 Warning(s)\n    0 Error(s)\n"
            + "[… 4 progress, restore and output lines, 2 repeated diagnostics omitted]\n", BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_NormalVerbosity_DropsCompilerChatterAndTheSummarysIndentedRepeats()
    {
        // dotnet build -v n: the compiler's command line and server chatter, and the summary's indented copies.
        string log = "     1>Project \"/s/A.csproj\" on node 1 (default targets).\n       CoreCompile:\n"
            + "         /usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/csc /noconfig /unsafe- /nowarn:1701 /out:obj/A.dll A.cs\n"
            + "         CompilerServer: tool - using command line tool by design '/sdk/csc' - A (net10.0)\n"
            + "         NuGet Config files used:\n             /root/.nuget/NuGet/NuGet.Config\n"
            + "     1>/s/T.cs(14,28): error CS0029: Cannot convert [/s/A.csproj::TargetFramework=net10.0]\n"
            + "     1>Done Building Project \"/s/A.csproj\" (default targets) -- FAILED.\n\nBuild FAILED.\n\n"
            + "       \"/s/A.csproj\" (default target) (1) ->\n       (CoreCompile target) -> \n"
            + "         /s/T.cs(14,28): error CS0029: Cannot convert [/s/A.csproj::TargetFramework=net10.0]\n\n    0 Warning(s)\n    1 Error(s)\n";
        Assert.Equal("/s/T.cs(14,28): error CS0029: Cannot convert [net10.0]\nBuild FAILED.\n    0 Warning(s)\n    1 Error(s)\n"
            + "[… 9 progress, restore and output lines, 1 repeated diagnostic omitted]\n", BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_NormalVerbosity_LonePathOutsideRestoresListsStays()
    {
        // Only the config files and feeds under restore's headings are noise; a path or link a tool prints is kept.
        string log = "     1>Project \"/s/A.csproj\" on node 1 (default targets).\n"
            + "         Feeds used:\n             https://api.nuget.org/v3/index.json\n             /root/local-feed\n"
            + "         Generated report written to:\n         /s/artifacts/coverage/report.html\n         https://example.test/coverage\n"
            + "     1>Done Building Project \"/s/A.csproj\" (default targets).\n\nBuild succeeded.\n    0 Warning(s)\n    0 Error(s)\n";
        string output = BuildLogCompressor.Compress(log)!;
        Assert.Contains("Generated report written to:\n         /s/artifacts/coverage/report.html\n         https://example.test/coverage\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("api.nuget.org", output, StringComparison.Ordinal);
        Assert.DoesNotContain("local-feed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_SameMessageAtManyPlaces_ListsTheLocationsOnce()
    {
        string log = string.Concat(Enumerable.Range(1, 4).Select(i => $"/s/B.cs({i},5): error WHITESPACE: Fix whitespace formatting. Delete 4 characters. [/s/S.csproj]\n"));
        Assert.Equal("error WHITESPACE: Fix whitespace formatting. Delete 4 characters. (4×)\n  /s/B.cs(1,5) /s/B.cs(2,5) /s/B.cs(3,5) /s/B.cs(4,5)\n",
            BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_UndefinedReferences_FoldToOneLinePerCallingFunctions()
    {
        string log = "/usr/bin/ld: /tmp/cc1.o: in function `main':\ntest.c:(.text+0x3c): undefined reference to `cJSON_Print'\n"
            + "/usr/bin/ld: test.c:(.text+0xdf): undefined reference to `cJSON_Delete'\n/usr/bin/ld: /tmp/cc1.o: in function `other':\n"
            + "/usr/bin/ld: test.c:(.text+0x1a7): undefined reference to `cJSON_Delete'\n"
            + "/usr/bin/ld: test.c:(.text+0x1b0): undefined reference to `cJSON_Free'\n/usr/bin/ld: test.c:(.text+0x1c0): undefined reference to `cJSON_Free'\n"
            + "/usr/bin/ld: test.c:(.text+0x1d0): undefined reference to `cJSON_Parse'\ncollect2: error: ld returned 1 exit status\n";
        Assert.Equal("test.c: in main: undefined reference to `cJSON_Print'\ntest.c: in main, other: undefined reference to `cJSON_Delete' (2×)\n"
            + "test.c: in other: undefined reference to `cJSON_Free' (2×); undefined reference to `cJSON_Parse'\n"
            + "collect2: error: ld returned 1 exit status\n", BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_OneProjectsFindingsWithOneCodeInARow_SayTheProjectAndCodeOnce()
    {
        string log = "/s/A.csproj : error NU1603: A depends on X (>= 1.0).\n/s/A.csproj : error NU1603: A depends on Y (>= 2.0).\n"
            + "/s/A.csproj : warning NU1701: Package Z was restored using net48.\n  Failed to restore /s/A.csproj (in 4.45 sec).\n"
            + "/s/B.csproj : error NU1603: B depends on X (>= 1.0).\n";
        Assert.Equal("/s/A.csproj : error NU1603: A depends on X (>= 1.0).\n  A depends on Y (>= 2.0).\n"
            + "/s/A.csproj : warning NU1701: Package Z was restored using net48.\n  Failed to restore /s/A.csproj (in 4.45 sec).\n"
            + "/s/B.csproj : error NU1603: B depends on X (>= 1.0).\n", BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_GccDiagnostics_KeepExcerptDropCaretsAndSupersededProgress()
    {
        string log = "[ 25%] Building C object a.o\n[ 50%] Building C object b.o\nb.c: In function 'f':\nb.c:3:25: error: too few arguments [-Wx]\n"
            + "    3 | int x = f(1);\n      |         ^~~~\nmake[1]: Entering directory '/s'\nmake: *** [Makefile:91: all] Error 2\n";
        Assert.Equal("[ 50%] Building C object b.o\nb.c: In function 'f':\nb.c:3:25: error: too few arguments [-Wx]\n    3 | int x = f(1);\n"
            + "make: *** [Makefile:91: all] Error 2\n[… 3 progress, restore and output lines omitted]\n", BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_NothingKnown_ReturnsNull() => Assert.Null(BuildLogCompressor.Compress("hello\nworld\n"));
}
