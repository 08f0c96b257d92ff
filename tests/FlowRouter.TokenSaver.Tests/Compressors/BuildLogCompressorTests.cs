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
    public void Compress_SameMessageAtManyPlaces_ListsTheLocationsOnce()
    {
        string log = string.Concat(Enumerable.Range(1, 4).Select(i => $"/s/B.cs({i},5): error WHITESPACE: Fix whitespace formatting. Delete 4 characters. [/s/S.csproj]\n"));
        Assert.Equal("error WHITESPACE: Fix whitespace formatting. Delete 4 characters. (4×)\n  /s/B.cs(1,5) /s/B.cs(2,5) /s/B.cs(3,5) /s/B.cs(4,5)\n",
            BuildLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_UndefinedReferences_FoldPerSymbol()
    {
        string log = "/usr/bin/ld: /tmp/cc1.o: in function `main':\ntest.c:(.text+0x3c): undefined reference to `cJSON_Print'\n"
            + "/usr/bin/ld: test.c:(.text+0xdf): undefined reference to `cJSON_Delete'\n/usr/bin/ld: /tmp/cc1.o: in function `other':\n"
            + "/usr/bin/ld: test.c:(.text+0x1a7): undefined reference to `cJSON_Delete'\ncollect2: error: ld returned 1 exit status\n";
        Assert.Equal("test.c: undefined reference to `cJSON_Print' in main\ntest.c: undefined reference to `cJSON_Delete' (2 call sites in main, other)\n"
            + "collect2: error: ld returned 1 exit status\n", BuildLogCompressor.Compress(log));
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
