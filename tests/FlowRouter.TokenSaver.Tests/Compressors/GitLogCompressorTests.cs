using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GitLogCompressorTests
{
    private const string StatLog =
        "commit 131c86aadddfa5cb6dca8339c9d6294c4eacb8ac\nAuthor: Kevin Deldycke <kevin@example.com>\nDate:   Wed Aug 19 08:40:07 2026 +0400\n\n"
        + "    Add FAQ entry\n    \n    Closes #2121\n\n docs/faqs.md | 45 +++++++++++++++++++++\n 1 file changed, 45 insertions(+)\n";

    [Fact]
    public void Compress_StatLog_DropsTheGraphAndSummaryKeepsPathAndCount()
    {
        string output = GitLogCompressor.Compress(StatLog)!;
        Assert.Equal("131c86aadd Kevin Deldycke: Add FAQ entry\ndocs/faqs.md | 45\n"
            + "[… author dates (2026-08-19), 1 message body line, 1 \"files changed\" summary omitted; git show HASH has them]\n", output);
    }

    [Fact]
    public void Compress_Body_IsCountedNotWritten()
    {
        string body = string.Concat(Enumerable.Range(1, 10).Select(i => $"    line {i}\n"));
        string log = "commit 131c86aadddfa5cb6dca8339c9d6294c4eacb8ac\nAuthor: A <a@b>\nDate:   Wed Aug 19 08:40:07 2026 +0400\n\n    Subject\n    \n" + body;
        string output = GitLogCompressor.Compress(log)!;
        Assert.Equal("131c86aadd A: Subject\n[… author dates (2026-08-19), 10 message body lines omitted; git show HASH has them]\n", output);
    }

    [Fact]
    public void Compress_MergeCommit_KeepsItsParentsLine()
    {
        string log = "commit 131c86aadddfa5cb6dca8339c9d6294c4eacb8ac (HEAD -> main)\nMerge: 1111111 2222222\nAuthor: bot <a@b>\nDate:   Wed Aug 19 08:40:07 2026 +0400\n\n"
            + "    Merge x\n";
        Assert.Equal("131c86aadd (HEAD -> main) bot: Merge x\nMerge: 1111111 2222222\n[… author dates (2026-08-19) omitted; git show HASH has them]\n",
            GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_SeveralDays_MarkerKeepsTheFirstAndLastDay()
    {
        string log = Commit("aaaaaaaaaa", "Wed Aug 19 08:40:07 2026 +0400", "Newest") + "\n" + Commit("bbbbbbbbbb", "Mon Jul 6 17:04:47 2026 +0200", "Older")
            + "\n" + Commit("cccccccccc", "Tue Jan 2 10:00:00 2024 +0000", "Oldest");
        Assert.Equal("aaaaaaaaaa A: Newest\nbbbbbbbbbb A: Older\ncccccccccc A: Oldest\n"
            + "[… author dates (2024-01-02 to 2026-08-19) omitted; git show HASH has them]\n", GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_DatesInAnotherFormat_StayOnTheirCommit()
    {
        string log = Commit("aaaaaaaaaa", "2 days ago", "Newest") + "\n" + Commit("bbbbbbbbbb", "Mon Jul 6 17:04:47 2026 +0200", "Older");
        Assert.Equal("aaaaaaaaaa 2 days ago A: Newest\nbbbbbbbbbb 2026-07-06 A: Older\n", GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_OneLineStat_LosesGraphsAndSummaries()
    {
        string log = "a3714473 build(deps-dev): bump hbs (#7152)\n package.json | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n"
            + "ae6dd376 feat: QUERY (#7366)\n lib/response.js | 12 ++++++++----\n 1 file changed, 8 insertions(+), 4 deletions(-)\n";
        Assert.Equal("a3714473 build(deps-dev): bump hbs (#7152)\npackage.json | 2\nae6dd376 feat: QUERY (#7366)\nlib/response.js | 12\n"
            + "[… 2 \"files changed\" summaries omitted; git show HASH has them]\n", GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_LogWithPatches_IsCompressedAsADiff()
    {
        string log = StatLog.Replace(" docs/faqs.md | 45 +++++++++++++++++++++\n 1 file changed, 45 insertions(+)\n",
            "diff --git a/docs/faqs.md b/docs/faqs.md\nindex 1111111..2222222 100644\n--- a/docs/faqs.md\n+++ b/docs/faqs.md\n@@ -1,1 +1,2 @@\n x\n+y\n",
            StringComparison.Ordinal);
        Assert.Equal(GitDiffCompressor.Compress(log), GitLogCompressor.Compress(log));
    }

    private static string Commit(string hash, string date, string subject) =>
        "commit " + hash + hash + hash + hash + "\nAuthor: A <a@b>\nDate:   " + date + "\n\n    " + subject + "\n";

    [Fact]
    public void Compress_LinearOneLineGraph_LosesTheStarColumn()
    {
        Assert.Equal("a3714473 build(deps-dev): bump hbs (#7152)\nae6dd376 feat: QUERY (#7366)\n",
            GitLogCompressor.Compress("* a3714473 build(deps-dev): bump hbs (#7152)\n* ae6dd376 feat: QUERY (#7366)\n"));
    }

    [Fact]
    public void Compress_LinearGraphOfCommitBlocks_LosesTheColumnAndIsReadAsALog()
    {
        string log = "* commit aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n| Author: A <a@b>\n| Date:   Wed Aug 19 08:40:07 2026 +0400\n| \n"
            + "|     Newest\n| \n|  docs/faqs.md | 45 +++++\n|  1 file changed, 45 insertions(+)\n| \n"
            + "* commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  Author: A <a@b>\n  Date:   Mon Jul 6 17:04:47 2026 +0200\n  \n      Root\n";
        Assert.Equal("aaaaaaaaaa A: Newest\ndocs/faqs.md | 45\nbbbbbbbbbb A: Root\n"
            + "[… author dates (2026-07-06 to 2026-08-19), 1 \"files changed\" summary omitted; git show HASH has them]\n", GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_BranchingGraphOfCommitBlocks_CondensesEachCommitOnItsRowAndKeepsTheDrawing()
    {
        string log = "*   commit aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n|\\  Merge: bbbbbbb ccccccc\n| | Author: A <a@b>\n"
            + "| | Date:   Wed Aug 19 08:40:07 2026 +0400\n| | \n| |     Merge branch 'x'\n| | \n"
            + "| * commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n| | Author: B <b@c>\n| | Date:   Tue Aug 18 08:40:07 2026 +0400\n| | \n"
            + "| |     - feat: x\n| |     \n| |     More words.\n| | \n| |  lib/x.js | 3 ++-\n| |  1 file changed, 2 insertions(+), 1 deletion(-)\n"
            + "* | commit cccccccccccccccccccccccccccccccccccccccc\n|/  Author: C <c@d>\n|   Date:   Mon Aug 17 08:40:07 2026 +0400\n|   \n|       Base\n";
        Assert.Equal("*   aaaaaaaaaa A: Merge branch 'x'\n|\\  Merge: bbbbbbb ccccccc\n| * bbbbbbbbbb B: - feat: x\n| | lib/x.js | 3\n"
            + "* | cccccccccc C: Base\n|/\n"
            + "[… author dates (2026-08-17 to 2026-08-19), 1 message body line, 1 \"files changed\" summary omitted; git show HASH has them]\n",
            GitLogCompressor.Compress(log));
    }

    [Fact]
    public void Compress_BranchingGraphWithPatches_CondensesCommitsAndKeepsTheDiffLinesAsDrawn()
    {
        string diff = "| diff --git a/f.txt b/f.txt\n| index 0e8b24a..fb0df1a 100644\n| --- a/f.txt\n| +++ b/f.txt\n| @@ -1,2 +1,3 @@\n|  one\n|  two\n| +three\n";
        string log = "* commit aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n| Author: A <a@b>\n| Date:   Wed Aug 19 08:40:07 2026 +0400\n| \n|     Change\n| \n"
            + diff + "| * commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n|/  Author: B <b@c>\n|   Date:   Tue Aug 18 08:40:07 2026 +0400\n|   \n|       Other\n";
        string output = GitLogCompressor.Compress(log)!;
        Assert.StartsWith("* aaaaaaaaaa A: Change\n" + diff + "| * bbbbbbbbbb B: Other\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_BranchingGraphOrPlainOneLineLog_HasNothingToCut()
    {
        Assert.Null(GitLogCompressor.Compress("*   a3714473 Merge branch 'x'\n|\\  \n| * ae6dd376 feat: QUERY (#7366)\n|/  \n* 5175d2f3 base\n"));
        Assert.Null(GitLogCompressor.Compress("a3714473 build(deps-dev): bump hbs (#7152)\nae6dd376 feat: QUERY (#7366)\n"));
    }

    [Theory]
    [InlineData("Thu Aug 20 09:12:10 2026 -0700", "2026-08-20 09:12")]
    [InlineData("Mon Jul 6 17:04:47 2026 +0200", "2026-07-06 17:04")]
    [InlineData("2026-07-06T17:04:47+02:00", "2026-07-06T17:04:47+02:00")]
    public void Shorten_GitDates_KeepsDayAndMinute(string date, string expected) => Assert.Equal(expected, GitDate.Shorten(date));
}
