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

    [Fact]
    public void Compress_Python_DropsDocstringsButNotStringsThatHoldHashes()
    {
        string py = string.Join('\n', "import os", "", "def f(x):", "    \"\"\"Doc line one.", "", "    More doc.", "    \"\"\"",
            "    sql = \"\"\"", "# not a comment", "\"\"\"", "    # a comment", "    return x", "") ;
        Assert.Equal("[… 4 comment lines, 2 blank lines omitted]\nimport os\ndef f(x):\n    sql = \"\"\"\n# not a comment\n\"\"\"\n    return x\n",
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
