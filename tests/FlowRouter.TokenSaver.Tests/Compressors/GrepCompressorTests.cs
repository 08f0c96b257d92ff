using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GrepCompressorTests
{
    [Fact]
    public void Compress_ContextLinesAndSeparators_AreCountedNotWritten()
    {
        string grep = "src/a-1-b.cs-56-    {\nsrc/a-1-b.cs:57:        Fatal();\nsrc/a-1-b.cs-58-    }\n--\nsrc/c.cs:9:Fatal\n";
        Assert.Equal("src/a-1-b.cs:57:Fatal();\nsrc/c.cs:9:Fatal\n[… 3 context lines and -- separators omitted]\n", GrepCompressor.Compress(grep));
    }

    [Fact]
    public void Compress_ContextLineHoldingColonDigits_IsStillContext()
    {
        string grep = "src/a.py-6-x = m[b:12:3]\nsrc/a.py:7:    Fatal()\nsrc/a.py-8-pass\n";
        Assert.Equal("src/a.py:7:Fatal()\n[… 2 context lines and -- separators omitted]\n", GrepCompressor.Compress(grep));
    }

    [Fact]
    public void Compress_RgGroupedLayout_KeepsPathsAndMatchesDropsContextAndBlankLines()
    {
        string rg = "lib/application.js\n16:var finalhandler = require('finalhandler');\n17-var Router = require('./router');\n--\n"
            + "99:      && typeof fn === 'function') {\n\n2024-notes.md\n3-intro\n4:function here\n";
        Assert.Equal("lib/application.js\n16:var finalhandler = require('finalhandler');\n99: && typeof fn === 'function') {\n"
            + "2024-notes.md\n4:function here\n[… 3 context lines and -- separators omitted]\n", GrepCompressor.Compress(rg));
    }

    [Fact]
    public void Compress_RgGroupedLayoutGroupWithoutAMatch_IsNotReadAsGrouped()
    {
        // A listing of numbered names is not rg output: nothing is taken for context.
        Assert.Null(GrepCompressor.Compress("docs\n01-intro.md\n02-setup.md\n"));
    }

    [Fact]
    public void Compress_CountsIncludingZero_AreAllKept()
    {
        Assert.Null(GrepCompressor.Compress("test/a.js:3\ntest/b.js:0\ntest/d.js:12\n"));
    }

    [Fact]
    public void Compress_MinifiedMatch_IsCutAfterItsStart()
    {
        string grep = "dist/app.min.js:1:" + new string('x', 5000) + "\nsrc/a.js:2:ok\n";
        string output = GrepCompressor.Compress(grep)!;
        Assert.StartsWith("dist/app.min.js:1:xxxx", output, StringComparison.Ordinal);
        Assert.Contains("…[+", output, StringComparison.Ordinal);
        Assert.Contains("src/a.js:2:ok", output, StringComparison.Ordinal);
        Assert.True(output.Length < 600);
    }

    [Fact]
    public void Compress_IndentedMatches_LoseTheIndentationKeepPathAndLine()
    {
        Assert.Equal("src/a.c:93:cJSON_Delete(tree);\nsrc/b.c:10:cJSON_Delete(x);\n",
            GrepCompressor.Compress("src/a.c:93:        cJSON_Delete(tree);\nsrc/b.c:10:\tcJSON_Delete(x);\n"));
    }

    [Fact]
    public void Compress_PlainMatches_HaveNothingToCut()
    {
        Assert.Null(GrepCompressor.Compress("src/a.c:93:cJSON_Delete(tree);\nsrc/b.c:10:cJSON_Delete(x);\n"));
    }

    [Fact]
    public void Compress_SameTextAtSeveralPlaces_IsWrittenOnceAfterAllItsLocations()
    {
        string grep = "src/a.c:93:    cJSON_Delete(tree);\nsrc/a.c:95:    cJSON_Delete(other);\n"
            + "src/b.c:10:\tcJSON_Delete(tree);\ntests/c.c:7:cJSON_Delete(tree);\n";
        Assert.Equal("src/a.c:93 src/b.c:10 tests/c.c:7: cJSON_Delete(tree);\nsrc/a.c:95:cJSON_Delete(other);\n"
            + "[… 2 repeated match texts (each written once, after all its path:line) omitted]\n", GrepCompressor.Compress(grep));
    }

    [Fact]
    public void Compress_ShortTextRepeatedOnce_StaysInPlace()
    {
        // Sharing "x();" would save 4 characters and break the order of the matches: not worth it.
        Assert.Equal("src/a.c:1:x();\nsrc/a.c:2:y();\nsrc/b.c:3:x();\n",
            GrepCompressor.Compress("src/a.c:1:  x();\nsrc/a.c:2:  y();\nsrc/b.c:3:  x();\n"));
    }

    [Fact]
    public void Compress_RepeatedTexts_KeepEveryPathAndLineExactly()
    {
        var sb = new System.Text.StringBuilder();
        for (int n = 1; n <= 40; n++)
        {
            sb.Append(n % 2 == 0 ? "src/even.py:" : "src/odd.py:").Append(n).Append(":=======\n");
        }
        string output = GrepCompressor.Compress(sb.ToString())!;
        for (int n = 1; n <= 40; n++)
        {
            Assert.Contains((n % 2 == 0 ? "src/even.py:" : "src/odd.py:") + n + (n == 40 ? ":" : " "), output, StringComparison.Ordinal);
        }
        Assert.True(output.Length < sb.Length);
        Assert.Equal(output, GrepCompressor.Compress(sb.ToString()));
    }
}
