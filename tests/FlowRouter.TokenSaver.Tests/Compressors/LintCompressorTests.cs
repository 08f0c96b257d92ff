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
    public void Compress_MypyWithNotes_KeepsOrder()
    {
        string lint = "a.py:3: error: Incompatible types  [assignment]\na.py:3: note: See docs\nFound 1 error in 1 file (checked 2 source files)\n";
        Assert.Null(LintCompressor.Compress(lint));
    }
}
