using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GitBlameCompressorTests
{
    [Fact]
    public void Compress_DefaultFormat_ListsCommitsOnceAndHashesOnlyWhenTheyChange()
    {
        string blame = "3d597a554 (Tj Holowaychuk             2011-02-03 20:20:42 -0800 120)  * send\n"
            + "3d597a554 (Tj Holowaychuk             2011-02-03 20:20:42 -0800 121) \n"
            + "fd3b40533 (Douglas Christopher Wilson 2014-07-17 22:49:41 -0400 122)  * @param {string} body\n";
        string output = GitBlameCompressor.Compress(blame)!;
        string[] lines = output.Split('\n');
        Assert.Equal("3d597a554 Tj Holowaychuk 2011-02-03", lines[0]);
        Assert.Equal("fd3b40533 Douglas Christopher Wilson 2014-07-17", lines[1]);
        Assert.StartsWith("[… blame condensed", lines[2], StringComparison.Ordinal);
        Assert.Equal("3d597a554 120)  * send", lines[3]);
        Assert.Equal("", lines[4]);
        Assert.Equal("fd3b40533 122)  * @param {string} body", lines[5]);
    }

    [Fact]
    public void Compress_SameCommitNextLine_IsTextOnlyAndAJumpIsNumbered()
    {
        string blame = "3d597a554 (Tj 2011-02-03 20:20:42 -0800 1) a\n3d597a554 (Tj 2011-02-03 20:20:42 -0800 2) b\n"
            + "3d597a554 (Tj 2011-02-03 20:20:42 -0800 7) c\n";
        string[] lines = GitBlameCompressor.Compress(blame)!.Split('\n');
        Assert.Equal(["3d597a554 1) a", "b", "7) c", ""], lines[2..]);
    }

    [Fact]
    public void Compress_LinePorcelain_UsesSummaryAndDay()
    {
        string blame = "459ff48f7d5d3ac4f3bd8aa4ab3c4b3c6e9d1a11 1 1 2\nauthor Ada\nauthor-mail <ada@example.com>\nauthor-time 1700000000\nauthor-tz +0100\n"
            + "committer Ada\nsummary First commit\nfilename README.md\n\t# Title\n"
            + "459ff48f7d5d3ac4f3bd8aa4ab3c4b3c6e9d1a11 2 2\nauthor Ada\nauthor-mail <ada@example.com>\nauthor-time 1700000000\nauthor-tz +0100\n"
            + "summary First commit\nfilename README.md\n\tbody\n";
        Assert.Equal("459ff48f7d Ada 2023-11-14 First commit\n" + GitBlameCompressor.Legend + "\n459ff48f7d 1) # Title\nbody\n",
            GitBlameCompressor.Compress(blame));
    }

    [Fact]
    public void Compress_ALineThatIsNotBlame_ReturnsNull()
    {
        Assert.Null(GitBlameCompressor.Compress("3d597a554 (Tj 2011-02-03 20:20:42 -0800 120) x\nfatal: no such path\n"));
    }
}
