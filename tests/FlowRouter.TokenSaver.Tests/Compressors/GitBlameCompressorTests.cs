using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GitBlameCompressorTests
{
    [Fact]
    public void Compress_DefaultFormat_NamesEachCommitAtItsFirstRunThenByAShortHash()
    {
        string blame = "3d597a554 (Tj Holowaychuk             2011-02-03 20:20:42 -0800 120)  * send\n"
            + "3d597a554 (Tj Holowaychuk             2011-02-03 20:20:42 -0800 121) \n"
            + "fd3b40533 (Douglas Christopher Wilson 2014-07-17 22:49:41 -0400 122)  * @param {string} body\n"
            + "3d597a554 (Tj Holowaychuk             2011-02-03 20:20:42 -0800 123)  */\n";
        Assert.Equal(GitBlameCompressor.Legend + "\n3d597a554 Tj Holowaychuk 2011-02-03 120)  * send\n\n"
            + "fd3b40533 Douglas Christopher Wilson 2014-07-17 122)  * @param {string} body\n3d59 123)  */\n",
            GitBlameCompressor.Compress(blame));
    }

    [Fact]
    public void Compress_HashesSharingAPrefix_AreShortenedUntilTheyDiffer()
    {
        string blame = "3d597a554 (A 2011-02-03 20:20:42 -0800 1) a\n3d59ffff0 (B 2012-02-03 20:20:42 -0800 2) b\n"
            + "^3d597a55 (A 2011-01-03 20:20:42 -0800 3) c\n3d597a554 (A 2011-02-03 20:20:42 -0800 4) d\n3d59ffff0 (B 2012-02-03 20:20:42 -0800 5) e\n";
        string[] lines = GitBlameCompressor.Compress(blame)!.Split('\n');
        Assert.Equal(["3d597a554 A 2011-02-03 1) a", "3d59ffff0 B 2012-02-03 2) b", "^3d597a55 A 2011-01-03 3) c", "3d597 4) d", "3d59f 5) e", ""], lines[1..]);
    }

    [Fact]
    public void Compress_RenamedFile_NamesOnlyThePathsThatAreNotTheUsualOne()
    {
        string blame = "a899a703d src/Core/Logger.cs (Simon Cropp 2021-06-21 20:20:42 -0800 1) // Copyright\n"
            + "e97b3c028 src/Core/Pipeline/Logger.cs (Kristian Hellang 2015-12-23 20:20:42 -0800 2) //\n"
            + "bfa0a5619 src/Core/Logger.cs (nblumhardt 2013-04-08 20:20:42 -0800 3) // Licensed\n";
        Assert.Equal(GitBlameCompressor.Legend + "\n[… path src/Core/Logger.cs omitted where it is the commit's only path]\n"
            + "a899a703d Simon Cropp 2021-06-21 1) // Copyright\ne97b3c028 src/Core/Pipeline/Logger.cs Kristian Hellang 2015-12-23 2) //\n"
            + "bfa0a5619 nblumhardt 2013-04-08 3) // Licensed\n", GitBlameCompressor.Compress(blame));
    }

    [Fact]
    public void Compress_SameCommitNextLine_IsTextOnlyAndAJumpIsNumbered()
    {
        string blame = "3d597a554 (Tj 2011-02-03 20:20:42 -0800 1) a\n3d597a554 (Tj 2011-02-03 20:20:42 -0800 2) b\n"
            + "3d597a554 (Tj 2011-02-03 20:20:42 -0800 7) c\n";
        string[] lines = GitBlameCompressor.Compress(blame)!.Split('\n');
        Assert.Equal(["3d597a554 Tj 2011-02-03 1) a", "b", "7) c", ""], lines[1..]);
    }

    [Fact]
    public void Compress_LinePorcelain_UsesSummaryAndDay()
    {
        string blame = "459ff48f7d5d3ac4f3bd8aa4ab3c4b3c6e9d1a11 1 1 2\nauthor Ada\nauthor-mail <ada@example.com>\nauthor-time 1700000000\nauthor-tz +0100\n"
            + "committer Ada\nsummary First commit\nfilename README.md\n\t# Title\n"
            + "459ff48f7d5d3ac4f3bd8aa4ab3c4b3c6e9d1a11 2 2\nauthor Ada\nauthor-mail <ada@example.com>\nauthor-time 1700000000\nauthor-tz +0100\n"
            + "summary First commit\nfilename README.md\n\tbody\n";
        Assert.Equal(GitBlameCompressor.Legend + "\n459ff48f7d Ada 2023-11-14 \"First commit\" 1) # Title\nbody\n",
            GitBlameCompressor.Compress(blame));
    }

    [Fact]
    public void Compress_ALineThatIsNotBlame_ReturnsNull()
    {
        Assert.Null(GitBlameCompressor.Compress("3d597a554 (Tj 2011-02-03 20:20:42 -0800 120) x\nfatal: no such path\n"));
    }
}
