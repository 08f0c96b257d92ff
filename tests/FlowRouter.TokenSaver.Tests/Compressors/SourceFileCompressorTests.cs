using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class SourceFileCompressorTests
{
    private static string Numbered(params string[] lines) =>
        string.Concat(lines.Select((l, i) => $"{i + 1,6}\t{l}\n"));

    [Fact]
    public void Compress_CatNumberedCSharp_DropsCommentsAndBlanksKeepsCodeAndNumbers()
    {
        string cat = Numbered("// Copyright", "// Licensed", "", "namespace A;", "", "/// <summary>Doc.</summary>",
            "public class B", "{", "    /* block", "       comment */", "    int _x; // trailing comment stays", "}");
        Assert.Equal("[… 5 comment lines, 2 blank lines omitted; numbers are the file's]\n4\tnamespace A;\n7\tpublic class B\n8\t{\n11\t    int _x; // trailing comment stays\n12\t}\n",
            SourceFileCompressor.Compress(cat));
    }

    /// <summary>A C# class with <paramref name="methods"/> methods of six body lines each: 2 + 9 per method + 1 lines.</summary>
    private static string[] LongClass(int methods)
    {
        var lines = new List<string> { "namespace A;", "public class B", "{" };
        for (int m = 0; m < methods; m++)
        {
            lines.Add($"    public int M{m}(int x)");
            lines.Add("    {");
            for (int k = 0; k < 5; k++) lines.Add($"        x += {k};");
            lines.Add("        return x;");
            lines.Add("    }");
        }
        lines.Add("}");
        return [.. lines];
    }

    [Fact]
    public void Compress_LongFile_CutsMethodBodiesToLineRangesKeepsDeclarations()
    {
        string output = SourceFileCompressor.Compress(string.Join('\n', LongClass(8)) + "\n")!;
        Assert.StartsWith("[… 8 function bodies (line ranges below) omitted]\n", output, StringComparison.Ordinal);
        // The first method: its declaration (line 4) stays, its brace (5), body (6-11) and closing brace are one line.
        Assert.Contains("    public int M0(int x)\n    {…6-11}\n    public int M1(int x)\n", output, StringComparison.Ordinal);
        Assert.Contains("    public int M7(int x)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("x += 1;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_CatN_FoldsBraceRangeBraceIntoOneNumberedLine()
    {
        string[] lines = LongClass(8);
        string numbered = string.Concat(lines.Select((l, i) => $"{i + 1,6}\t{l}\n"));
        string output = SourceFileCompressor.Compress(numbered)!;
        Assert.Contains("4\t    public int M0(int x)\n5\t    {…6-11}\n13\t    public int M1(int x)\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  this.on('mount', function onmount(parent) {", "};", false)] // the closer is the parent's: another indentation
    [InlineData("function f() {", "}", true)]
    [InlineData("function f() {", "});", true)]
    [InlineData("def f():", "}", false)]
    [InlineData("function f() {", "} else {", false)]
    public void BraceRanges_FoldOnlyAnOpenerAndItsOwnCloser(string opener, string closer, bool folds)
    {
        List<string> written = [opener, "    [… lines 2-9]", closer];
        List<string> output = BraceRanges.Fold(written, numbered: false);
        if (folds)
        {
            Assert.Equal([opener + "…2-9" + closer], output);
        }
        else
        {
            Assert.Equal(written, output);
        }
    }

    [Fact]
    public void Compress_ShortFile_KeepsBodies()
    {
        // Nothing to cut at all: the file passes through (null).
        Assert.Null(SourceFileCompressor.Compress(string.Join('\n', LongClass(3)) + "\n"));
        string[] lines = LongClass(3);
        lines[0] = "// comment\nnamespace A;";
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("x += 1;", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[… lines", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_UnbalancedBraces_CutsNoBody()
    {
        string[] lines = LongClass(8);
        lines[^1] = "} }";
        Assert.DoesNotContain("[… lines", SourceFileCompressor.Compress(string.Join('\n', lines) + "\n") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_FileCutShortMidBody_StillCutsTheBodiesBeforeTheEnd()
    {
        // head -n of a long file: the last method and the class are never closed.
        string[] lines = LongClass(8)[..^4];
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("    {…6-11}\n", output, StringComparison.Ordinal);
        Assert.Contains("    public int M7(int x)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_DeclarationOverSeveralLinesWithPreprocessorLines_IsStillAContainer()
    {
        // "class … \n#if X\n , IOther\n#endif\n{": the block belongs to the class, so its fields stay and only the
        // method bodies go.
        var lines = new List<string> { "namespace A;", "public class B : IOne", "#if X", "    , IOther", "#endif", "{",
            "    readonly int _field;" };
        lines.AddRange(LongClass(8)[3..]);
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("    readonly int _field;", output, StringComparison.Ordinal);
        Assert.Contains("    public int M0(int x)\n    {…", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_LongJsFile_KeepsNamedCallbacksAndRequiresInsideBodies()
    {
        var lines = new List<string> { "'use strict';", "var app = exports = module.exports = {};" };
        for (int m = 0; m < 8; m++)
        {
            lines.Add($"app.f{m} = function f{m}(x) {{");
            for (int k = 0; k < 4; k++) lines.Add($"  x += {k};");
            lines.Add($"  var d{m} = require('d{m}');");
            lines.Add($"  this.on('e', function on{m}(y) {{");
            for (int k = 0; k < 4; k++) lines.Add($"    y += {k};");
            lines.Add("  });");
            lines.Add("};");
        }
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("app.f3 = function f3(x) {", output, StringComparison.Ordinal);
        Assert.Contains("  var d3 = require('d3');", output, StringComparison.Ordinal);
        Assert.Contains("  this.on('e', function on3(y) {", output, StringComparison.Ordinal);
        Assert.DoesNotContain("y += 2;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_LongCSharpFile_KeepsLocalFunctionsWithDefaultsAndLocalConstantsInsideBodies()
    {
        var lines = new List<string>(LongClass(8));
        lines.InsertRange(6, ["        const string Prefix = \"# branch.oid \";", "        async Task Send(string path, string? body = null)",
            "        {", "            await Task.Yield();", "        }", "        int y = x = 2;"]);
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("        const string Prefix = \"# branch.oid \";\n", output, StringComparison.Ordinal);
        Assert.Contains("        async Task Send(string path, string? body = null)\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("int y = x = 2;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_CFileWithABraceOpenedInBothBranchesOfAnIfdef_KeepsTheFunctionsAfterIt()
    {
        var lines = new List<string> { "#include <stdio.h>" };
        for (int f = 0; f < 8; f++)
        {
            lines.AddRange([$"CJSON_PUBLIC(int) func_{f}(const char *value)", "{", "    int a = 0;", "#ifdef FOO", "    if (value[0] == 1) {",
                "#else", "    if (value[0] == 2) {", "#endif", "        a++;", "    }", "    a += 2;", "    return a;", "}"]);
        }
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.StartsWith("[… 8 function bodies", output, StringComparison.Ordinal);
        Assert.Contains("CJSON_PUBLIC(int) func_7(const char *value)\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a += 2;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_CFileWithTwoImplementationsUnderIfElse_CutsTheBodiesOfBoth()
    {
        var lines = new List<string> { "#include <stdio.h>", "#ifdef _WIN32" };
        for (int branch = 0; branch < 2; branch++)
        {
            for (int f = 0; f < 5; f++)
            {
                lines.AddRange([$"int func_{branch}_{f}(int v)", "{", "    v++;", "    v--;", "    v *= 2;", "    return v;", "}"]);
            }
            lines.Add(branch == 0 ? "#else" : "#endif");
        }
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.StartsWith("[… 10 function bodies", output, StringComparison.Ordinal);
        Assert.Contains("int func_1_4(int v)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_RepeatedDeclarationsInsideBodies_AreKeptOnceAndJsConstsAreNotDeclarations()
    {
        var lines = new List<string> { "namespace A;", "public class B", "{" };
        for (int m = 0; m < 10; m++)
        {
            lines.AddRange([$"    public async Task M{m}()", "    {", "        const string Url = \"http://localhost/\";",
                "        const x = 1;", "        harness.Go();", "        harness.Stop();", "    }"]);
        }
        lines.Add("}");
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Single(output.Split('\n'), l => l.Contains("const string Url", StringComparison.Ordinal));
        Assert.DoesNotContain("const x = 1;", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    int a = v; /* the { is in a comment */", "    a += 1; /* a comment that", " goes on { here */")]
    [InlineData("    s := `", "{\"json\": ", "`")]
    [InlineData("    var s = \"\"\"", "    { \"json\": ", "    \"\"\";")]
    [InlineData("    var s = `template {", "  with ${x} and { more`;", "    x++;")]
    public void Compress_BracesInCommentsAndMultiLineStrings_DoNotSwallowTheFunctionsAfterThem(string a, string b, string c)
    {
        var lines = new List<string> { "#include <stdio.h>" };
        for (int f = 0; f < 8; f++)
        {
            lines.AddRange([$"int func_{f}(int v)", "{", a, b, c, "    v++;", "    v--;", "    return v;", "}"]);
        }
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.StartsWith("[… 8 function bodies", output, StringComparison.Ordinal);
        Assert.Contains("int func_7(int v)\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("v--;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_LongJsFile_KeepsNamedCallbacksWrittenWithASpaceBeforeTheParameters()
    {
        var lines = new List<string> { "'use strict';", "module.exports = send;" };
        for (int m = 0; m < 8; m++)
        {
            lines.Add($"function f{m} (x) {{");
            for (int k = 0; k < 4; k++) lines.Add($"  x += {k};");
            lines.Add($"  fs.stat(x, function onstat{m} (err, stat) {{");
            for (int k = 0; k < 4; k++) lines.Add($"    x -= {k};");
            lines.Add("  });");
            lines.Add("}");
        }
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("  fs.stat(x, function onstat3 (err, stat) {\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("x -= 2;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_LongPythonFile_CutsFunctionBodiesKeepsNestedDefs()
    {
        var lines = new List<string> { "import os", "class C:" };
        for (int m = 0; m < 8; m++)
        {
            lines.Add($"    def f{m}(self, x):");
            for (int k = 0; k < 4; k++) lines.Add($"        x += {k}");
            lines.Add($"        def inner{m}():");
            for (int k = 0; k < 4; k++) lines.Add($"            x -= {k}");
        }
        string output = SourceFileCompressor.Compress(string.Join('\n', lines) + "\n")!;
        Assert.Contains("    def f2(self, x):\n        [… lines", output, StringComparison.Ordinal);
        Assert.Contains("        def inner2():", output, StringComparison.Ordinal);
        Assert.DoesNotContain("x -= 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_Python_DropsDocstringsButNotStringsThatHoldHashes()
    {
        string py = string.Join('\n', "import os", "", "def f(x):", "    \"\"\"Doc line one.", "", "    More doc.", "    \"\"\"",
            "    sql = \"\"\"", "# not a comment", "\"\"\"", "    # a comment", "    return x", "") ;
        Assert.Equal("[… 4 comment lines, 2 blank lines omitted]\nimport os\ndef f(x):\n    sql = \"\"\"\n# not a comment\n\"\"\"\n    return x\n",
            SourceFileCompressor.Compress(py));
    }

    [Fact]
    public void Compress_PythonDocstringLinesThatReadAsDeclarations_Stay()
    {
        string py = string.Join('\n', "import os", "", "def f(x):", "    \"\"\"Use it as a decorator:", "", "        @f",
            "        def cli(ctx):", "            pass", "", "    Values come", "    from the environment.", "    \"\"\"", "    return x", "");
        Assert.Equal("[… 5 comment lines, 3 blank lines omitted]\nimport os\ndef f(x):\n        def cli(ctx):\n    from the environment.\n    return x\n",
            SourceFileCompressor.Compress(py));
    }

    [Fact]
    public void Compress_JsTemplateLiteral_KeepsSlashesInside()
    {
        string js = string.Join('\n', "'use strict';", "const x = require('x');", "const t = `", "// inside a string", "`;",
            "// real comment", "function f() {", "  return t;", "}", "");
        string output = SourceFileCompressor.Compress(js)!;
        Assert.Contains("// inside a string", output, StringComparison.Ordinal);
        Assert.DoesNotContain("// real comment", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_Markdown_ReturnsNull()
    {
        Assert.Null(SourceFileCompressor.Compress("# Title\n\nSome text.\n\n## Part\n\n- a\n- b\n\nMore.\n"));
    }

    [Fact]
    public void Compress_Xml_DropsCommentsKeepsElements()
    {
        string xml = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <!-- why -->\n  <PropertyGroup>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n"
            + "  <!--\n    long\n  -->\n  <ItemGroup>\n    <PackageReference Include=\"xunit\" />\n  </ItemGroup>\n</Project>\n";
        string output = SourceFileCompressor.Compress(xml)!;
        Assert.DoesNotContain("why", output, StringComparison.Ordinal);
        Assert.DoesNotContain("long", output, StringComparison.Ordinal);
        Assert.Contains("<PackageReference Include=\"xunit\" />", output, StringComparison.Ordinal);
    }
}
