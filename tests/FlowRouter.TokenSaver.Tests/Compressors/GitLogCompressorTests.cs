using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GitLogCompressorTests
{
    private const string StatLog =
        "commit 131c86aadddfa5cb6dca8339c9d6294c4eacb8ac\nAuthor: Kevin Deldycke <kevin@example.com>\nDate:   Wed Aug 19 08:40:07 2026 +0400\n\n"
        + "    Add FAQ entry\n    \n    Closes #2121\n\n docs/faqs.md | 45 +++++++++++++++++++++\n 1 file changed, 45 insertions(+)\n";

    [Fact]
    public void Compress_StatLog_DropsTheGraphKeepsPathAndCount()
    {
        string output = GitLogCompressor.Compress(StatLog)!;
        Assert.Equal("131c86aadd 2026-08-19 Kevin Deldycke: Add FAQ entry [+1 body line]\ndocs/faqs.md | 45\n1 file changed, 45 insertions(+)\n", output);
    }

    [Fact]
    public void Compress_Body_IsCountedNotWritten()
    {
        string body = string.Concat(Enumerable.Range(1, 10).Select(i => $"    line {i}\n"));
        string log = "commit 131c86aadddfa5cb6dca8339c9d6294c4eacb8ac\nAuthor: A <a@b>\nDate:   Wed Aug 19 08:40:07 2026 +0400\n\n    Subject\n    \n" + body;
        string output = GitLogCompressor.Compress(log)!;
        Assert.Equal("131c86aadd 2026-08-19 A: Subject [+10 body lines]\n", output);
    }

    [Fact]
    public void Compress_MergeCommit_KeepsItsParentsLine()
    {
        string log = "commit 131c86aadddfa5cb6dca8339c9d6294c4eacb8ac (HEAD -> main)\nMerge: 1111111 2222222\nAuthor: bot <a@b>\nDate:   Wed Aug 19 08:40:07 2026 +0400\n\n"
            + "    Merge x\n";
        Assert.Equal("131c86aadd (HEAD -> main) 2026-08-19 bot: Merge x\nMerge: 1111111 2222222\n", GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_OneLineLog_HasNothingToCut()
    {
        Assert.Null(GitLogCompressor.Compress("* a3714473 build(deps-dev): bump hbs (#7152)\n* ae6dd376 feat: QUERY (#7366)\n"));
    }

    [Theory]
    [InlineData("Thu Aug 20 09:12:10 2026 -0700", "2026-08-20 09:12")]
    [InlineData("Mon Jul 6 17:04:47 2026 +0200", "2026-07-06 17:04")]
    [InlineData("2026-07-06T17:04:47+02:00", "2026-07-06T17:04:47+02:00")]
    public void Shorten_GitDates_KeepsDayAndMinute(string date, string expected) => Assert.Equal(expected, GitDate.Shorten(date));
}
