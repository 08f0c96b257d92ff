using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class DiffPureHunksTests
{
    private static string[] Numbered(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"    {prefix} line {i};")];

    private static string NewFile(string path, string[] body) =>
        $"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{body.Length} @@\n"
        + string.Concat(body.Select(l => "+" + l + "\n"));

    private static string Modified(string path, string hunks) =>
        $"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n" + hunks;

    [Fact]
    public void Compress_LargeNewFile_IsWrittenWithoutSignsOrHeaderUnderTheLegend()
    {
        string[] body = Numbered("added", 40);
        string output = GitDiffCompressor.Compress(NewFile("src/New.cs", body))!;
        Assert.Equal(DiffPureHunks.AddedLegend + "\ndiff src/New.cs\nnew file\n" + string.Join('\n', body) + "\n", output);
    }

    [Fact]
    public void Compress_AddOnlyAndRemoveOnlyHunks_LoseTheirSignsMixedHunksKeepThem()
    {
        string add = "@@ -10,0 +11,20 @@ class A\n" + string.Concat(Numbered("added", 20).Select(l => "+" + l + "\n"));
        string remove = "@@ -50,20 +70,0 @@\n" + string.Concat(Numbered("removed", 20).Select(l => "-" + l + "\n"));
        string mixed = "@@ -90 +90 @@\n-    old();\n+    @new();\n";
        string output = GitDiffCompressor.Compress(Modified("a.cs", add + remove + mixed))!;
        // Both kinds unmarked: the legend names both signs.
        Assert.StartsWith(DiffPureHunks.Legend + "\n", output, StringComparison.Ordinal);
        Assert.Contains("@@ +11 @@\n    added line 1;\n", output, StringComparison.Ordinal);
        Assert.Contains("@@ -50 @@\n    removed line 1;\n", output, StringComparison.Ordinal);
        Assert.Contains("@@ -90 +90 @@\n-    old();\n+    @new();\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("+    added", output, StringComparison.Ordinal);
        Assert.DoesNotContain("-    removed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a markdown item")] // would read as a removed line
    [InlineData("+ plus")]
    [InlineData("@@ -1 +1 @@ looks like a header")]
    [InlineData("diff --git a/x b/x")]
    [InlineData("\\ No newline at end of file")]
    [InlineData("[… a marker]")]
    public void Compress_HunkWithALineThatWouldReadAsStructure_KeepsItsSigns(string tricky)
    {
        string[] body = [.. Numbered("added", 40), tricky];
        string output = GitDiffCompressor.Compress(NewFile("notes.md", body))!;
        Assert.DoesNotContain("omitted in hunks", output, StringComparison.Ordinal);
        Assert.Contains("@@ +1 @@\n+    added line 1;\n", output, StringComparison.Ordinal);
        Assert.Contains("+" + tricky + "\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_FewOneSidedLines_StayAsGitWritesThem()
    {
        string output = GitDiffCompressor.Compress(NewFile("a.cs", Numbered("added", DiffPureHunks.MinLines - 1)))!;
        Assert.DoesNotContain("omitted in hunks", output, StringComparison.Ordinal);
        Assert.StartsWith("diff a.cs\nnew file\n@@ +1 @@\n+    added line 1;\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmark_HunkNotEndedByStructure_KeepsItsSigns()
    {
        // A line after the hunk that a reader could take for one more added line.
        string[] lines = ["diff a.cs", "@@ +1 @@", .. Numbered("added", 40).Select(l => "+" + l), "trailing text"];
        Assert.Same(lines, DiffPureHunks.Unmark(lines));
    }

    [Fact]
    public void Unmark_HunkBeforeACommitLineOfLogP_IsUnmarked()
    {
        string[] lines = ["diff a.cs", "@@ +3 @@", .. Numbered("added", 40).Select(l => "+" + l), "0123456789 2026-01-02 Ann: next commit"];
        string[] output = DiffPureHunks.Unmark(lines);
        Assert.Equal(DiffPureHunks.AddedLegend, output[0]);
        Assert.Equal("    added line 1;", output[3]);
        Assert.Equal("0123456789 2026-01-02 Ann: next commit", output[^1]);
    }

    [Fact]
    public void Compress_DeletedFile_LosesHeaderAndSigns_NoNewlineLineStays()
    {
        string diff = "diff --git a/old.cs b/old.cs\ndeleted file mode 100644\nindex 1111111..0000000\n--- a/old.cs\n+++ /dev/null\n@@ -1,40 +0,0 @@\n"
            + string.Concat(Numbered("gone", 40).Select(l => "-" + l + "\n")) + "\\ No newline at end of file\n";
        string output = GitDiffCompressor.Compress(diff)!;
        Assert.Equal(DiffPureHunks.RemovedLegend + "\ndiff old.cs\ndeleted file\n" + string.Join('\n', Numbered("gone", 40))
            + "\n\\ No newline at end of file\n", output);
    }

    [Fact]
    public void Compress_ExecutableNewFile_KeepsItsMode()
    {
        string diff = NewFile("run.sh", Numbered("step", 40)).Replace("new file mode 100644", "new file mode 100755", StringComparison.Ordinal);
        string output = GitDiffCompressor.Compress(diff)!;
        // Not the usual mode: the line stays whole, and so does the header after it.
        Assert.Contains("new file mode 100755\n@@ +1 @@\n    step line 1;\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_IsDeterministicAndKeepsEveryChangedLineText()
    {
        string diff = NewFile("a.cs", Numbered("added", 50)) + Modified("b.cs", "@@ -5,3 +4,0 @@\n-x1\n-x2\n-x3\n");
        string first = GitDiffCompressor.Compress(diff)!;
        Assert.Equal(first, GitDiffCompressor.Compress(diff));
        foreach (string line in Numbered("added", 50))
        {
            Assert.Contains(line, first, StringComparison.Ordinal);
        }
        Assert.True(first.Length < diff.Length);
    }
}
