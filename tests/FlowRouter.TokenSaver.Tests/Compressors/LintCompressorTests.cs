using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class LintCompressorTests
{
    [Fact]
    public void Compress_Flake8_GroupsARepeatedMessageKeepsSingleOnesInPlace()
    {
        string lint = "a.py:1:80: E501 line too long (81 > 79 characters)\na.py:2:1: F401 'os' imported but unused\n"
            + "a.py:7:80: E501 line too long (81 > 79 characters)\nb.py:3:80: E501 line too long (81 > 79 characters)\n";
        Assert.Equal("E501 line too long (81 > 79 characters) (3×)\n  a.py:1:80 a.py:7:80 b.py:3:80\na.py:2:1: F401 'os' imported but unused\n",
            LintCompressor.Compress(lint));
    }

    [Fact]
    public void Compress_Eslint_GroupsOnlyWithinOneFile()
    {
        string lint = "/s/a.js\n  1:1  error  Missing semicolon  semi\n  2:1  error  Missing semicolon  semi\n  3:1  error  Missing semicolon  semi\n\n"
            + "/s/b.js\n  4:2  error  Missing semicolon  semi\n\n✖ 4 problems (4 errors, 0 warnings)\n";
        Assert.Equal("/s/a.js\n  error Missing semicolon  semi (3×)\n  1:1 2:1 3:1\n/s/b.js\n  4:2 error Missing semicolon  semi\n✖ 4 problems (4 errors, 0 warnings)\n",
            LintCompressor.Compress(lint));
    }

    [Fact]
    public void Compress_MypyNotes_StayUnderTheirErrorWhichIsNotGrouped()
    {
        string lint = "a.py:3: error: Incompatible types  [assignment]\na.py:3: note: See docs\n"
            + "a.py:5: error: Incompatible types  [assignment]\nb.py:1: error: Incompatible types  [assignment]\nc.py:2: error: Incompatible types  [assignment]\n"
            + "Found 4 errors in 3 files (checked 5 source files)\n";
        Assert.Equal("a.py:3: error: Incompatible types  [assignment]\na.py:3: note: See docs\n"
            + "error: Incompatible types  [assignment] (3×)\n  a.py:5 b.py:1 c.py:2\nFound 4 errors in 3 files (checked 5 source files)\n",
            LintCompressor.Compress(lint));
    }

    [Fact]
    public void Compress_TscContinuationLines_StayUnderTheirDiagnostic()
    {
        string lint = string.Concat(Enumerable.Range(1, 3).Select(i => $"lib/a.js({i},5): error TS2322: Type mismatch.\n  Type 'string' is not assignable to type 'number'.\n"))
            + "lib/b.js(9,1): error TS2322: Type mismatch.\n";
        string output = BuildLogCompressor.Compress(lint)!;
        Assert.Equal(lint, output);
    }
}
