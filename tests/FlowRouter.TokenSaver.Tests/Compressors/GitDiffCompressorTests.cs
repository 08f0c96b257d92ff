using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GitDiffCompressorTests
{
    private static string Hunk(int contextBefore, int contextBetween, int contextAfter)
    {
        var lines = new List<string> { "diff --git a/src/a.py b/src/a.py", "index 1111111..2222222 100644", "--- a/src/a.py", "+++ b/src/a.py" };
        int oldCount = contextBefore + 1 + contextBetween + 1 + contextAfter;
        int newCount = contextBefore + 1 + contextBetween + 2 + contextAfter;
        lines.Add($"@@ -10,{oldCount} +10,{newCount} @@ def f():");
        for (int i = 0; i < contextBefore; i++) lines.Add($" before {i}");
        lines.Add("-old one");
        for (int i = 0; i < contextBetween; i++) lines.Add($" between {i}");
        lines.Add("-old two");
        lines.Add("+new two");
        lines.Add("+new three");
        for (int i = 0; i < contextAfter; i++) lines.Add($" after {i}");
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void Compress_LongUnchangedStretch_SplitsTheHunkWithExactLineNumbers()
    {
        string output = GitDiffCompressor.Compress(Hunk(3, 10, 3))!;
        string[] lines = output.Split('\n');
        Assert.Equal("diff src/a.py", lines[0]);
        // No context is kept: "-old one" is old line 13 (new side empty after new line 12), the second change old 24 / new 23-24.
        Assert.Equal("@@ -13 @@", lines[1]);
        Assert.Equal("-old one", lines[2]);
        Assert.Equal("@@ -24 +23 @@", lines[3]);
        Assert.Equal("-old two", lines[4]);
        Assert.Contains("[… 16 unchanged context lines omitted]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("def f():", output, StringComparison.Ordinal);
        Assert.DoesNotContain("index 1111111", output, StringComparison.Ordinal);
        Assert.DoesNotContain("+++ b/src/a.py", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_ShortGapBetweenChanges_KeepsTheHunkWhole()
    {
        string output = GitDiffCompressor.Compress(Hunk(1, 2, 1))!;
        // The edges go, the two-line gap between the changes stays.
        Assert.Contains("@@ -11 +11 @@\n", output, StringComparison.Ordinal);
        Assert.Contains(" between 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("before 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("after 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_RemovedLineThatLooksLikeAFileHeader_StaysInTheHunk()
    {
        string diff = "diff --git a/notes.md b/notes.md\n--- a/notes.md\n+++ b/notes.md\n@@ -1,3 +1,2 @@\n title\n---- a/old\n+++ b/new\n";
        string output = GitDiffCompressor.Compress(diff)!;
        Assert.Contains("---- a/old", output, StringComparison.Ordinal);
        Assert.Contains("+++ b/new", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_RenameModeAndNoNewlineLines_AreKept()
    {
        string diff = "diff --git a/x.c b/y.c\nsimilarity index 90%\nrename from x.c\nrename to y.c\nindex 1..2 100644\n--- a/x.c\n+++ b/y.c\n"
            + "@@ -1 +1 @@\n-int a;\n\\ No newline at end of file\n+int b;\n\\ No newline at end of file\n";
        string output = GitDiffCompressor.Compress(diff)!;
        foreach (string kept in new[] { "rename from x.c", "rename to y.c", "similarity index 90%", "-int a;", "+int b;", "\\ No newline at end of file" })
        {
            Assert.Contains(kept, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compress_CombinedDiff_IsCutLikeAPlainOneWithEverySidesStartInItsHeaders()
    {
        // One column per parent: a line with a '-' is in the parents marked '-' only; one without is in the result and
        // in the parents marked ' '.
        var lines = new List<string> { "diff --cc f.py", "index a,b..c", "--- a/f.py", "+++ b/f.py", "@@@ -1,10 -1,8 +1,10 @@@" };
        lines.Add("  one");
        lines.Add("- two");
        lines.Add(" +three");
        for (int i = 0; i < 6; i++) lines.Add($"  same {i}");
        lines.Add("++four");
        lines.Add("  last");
        string output = GitDiffCompressor.Compress(string.Join('\n', lines))!;
        Assert.Contains("diff --cc f.py\n@@@ -2 -2 +2 @@@\n- two\n +three\n@@@ -10 -8 +9 @@@\n++four\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("one", output, StringComparison.Ordinal);
        Assert.DoesNotContain("last", output, StringComparison.Ordinal);
        Assert.Contains("[… 8 unchanged context lines omitted]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("index a,b..c", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_CombinedHunkWithoutCut_KeepsEverySidesStartOnly()
    {
        string diff = "diff --cc f.py\nindex a,b..c\n--- a/f.py\n+++ b/f.py\n@@@ -5,1 -5,0 +5,2 @@@ def f():\n- x\n++y\n++z\n";
        Assert.Equal("diff --cc f.py\n@@@ -5 -5 +5 @@@\n- x\n++y\n++z\n", GitDiffCompressor.Compress(diff));
    }

    [Fact]
    public void Compress_ShowWithCommitHeader_ShortensHashDropsEmailAndKeepsSubject()
    {
        string show = "commit 60935b4d7abad71cf6157b45a10f5c3c65ead527\nAuthor: Matan Tsach <matan@example.com>\nDate:   Sat Feb 14 17:25:19 2026 +0200\n\n"
            + "    Emit SelfLog warning\n    \n    Signed-off-by: Someone <s@example.com>\n\n"
            + "diff --git a/a.cs b/a.cs\n--- a/a.cs\n+++ b/a.cs\n@@ -1 +1 @@\n-x\n+y\n";
        string output = GitDiffCompressor.Compress(show)!;
        Assert.StartsWith("60935b4d7a 2026-02-14 Matan Tsach: Emit SelfLog warning [+1 body line]\ndiff a.cs\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("matan@example.com", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Signed-off-by", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_HunkWithoutCut_LosesOnlyTheFunctionTail()
    {
        string output = GitDiffCompressor.Compress("diff --git a/a.py b/a.py\n@@ -3 +3 @@ def f():\n-x\n+y\n")!;
        Assert.Equal("diff a.py\n@@ -3 +3 @@\n-x\n+y\n", output);
    }

    [Fact]
    public void Compress_StatOnly_DropsTheGraphs()
    {
        Assert.Equal("src/a.cs | 12\nsrc/b.cs | 3\n2 files changed, 8 insertions(+), 7 deletions(-)\n",
            GitDiffCompressor.Compress(" src/a.cs | 12 +++++-----\n src/b.cs |  3 ++-\n 2 files changed, 8 insertions(+), 7 deletions(-)\n"));
    }

    [Fact]
    public void Compress_NotADiff_ReturnsNull() => Assert.Null(GitDiffCompressor.Compress("hello\nworld\n"));

    [Theory]
    [InlineData("diff --git a/src/a b.py b/src/a b.py", "diff src/a b.py")]
    [InlineData("diff --git a/x.c b/y.c", "diff --git a/x.c b/y.c")]
    [InlineData("diff --cc src/m.py", "diff --cc src/m.py")]
    public void ShortHeader_OnlyWhenBothSidesAreTheSamePath(string header, string expected) =>
        Assert.Equal(expected, GitDiffCompressor.ShortHeader(header));

    private static string NewFile(string path, string[] body) =>
        $"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{body.Length} @@\n"
        + string.Concat(body.Select(l => "+" + l + "\n"));

    [Fact]
    public void Compress_RepeatedRunOfAddedLines_IsSaidOnceAndReferredTo()
    {
        string[] licence = ["// Copyright © The Project Contributors", "//", "// Licensed under the Apache License, Version 2.0 (the \"License\");",
            "// you may not use this file except in compliance with the License."];
        string diff = NewFile("src/A.cs", [.. licence, "class A {}"]) + NewFile("src/B.cs", [.. licence, "class B {}"]);
        string output = GitDiffCompressor.Compress(diff)!;
        // Too few lines for the +/- to go (see DiffPureHunks); the usual mode is left out of "new file".
        Assert.Equal("diff src/A.cs\nnew file\n@@ +1 @@\n" + string.Concat(licence.Select(l => "+" + l + "\n")) + "+class A {}\n"
            + "diff src/B.cs\nnew file\n@@ +1 @@\n[… the same 4 lines as at src/A.cs +1]\n+class B {}\n", output);
    }

    [Fact]
    public void Compress_ShortOrLightRepeats_StayAsTheyAre()
    {
        string[] braces = ["    {", "        return;", "    }"];
        string diff = NewFile("a.cs", [.. braces, "x"]) + NewFile("b.cs", [.. braces, "y"]);
        Assert.DoesNotContain("the same", GitDiffCompressor.Compress(diff), StringComparison.Ordinal);
    }

    /// <summary>Three changed lines heavy enough to fold when they repeat.</summary>
    private static readonly string[] Guards = ["    if (value is null) throw new ArgumentNullException(nameof(value));",
        "    if (value.Length == 0) throw new ArgumentException(\"empty\", nameof(value));",
        "    if (value.Length > Limit) throw new ArgumentException(\"too long\", nameof(value));"];

    [Fact]
    public void Compress_RemovedRunRepeated_PointsAtTheOldSideLine()
    {
        string Hunk(int at) => $"@@ -{at},3 +{at - 1},0 @@\n" + string.Concat(Guards.Select(l => "-" + l + "\n"));
        string diff = "diff --git a/c.cs b/c.cs\n" + Hunk(10) + Hunk(40);
        Assert.Equal("diff c.cs\n@@ -10 @@\n" + string.Concat(Guards.Select(l => "-" + l + "\n"))
            + "@@ -40 @@\n[… the same 3 lines as at c.cs -10]\n", GitDiffCompressor.Compress(diff));
    }

    [Fact]
    public void Compress_MovedRun_RemovedHereAfterItWasAdded_IsReferredToWithItsSign()
    {
        string diff = "diff --git a/a.cs b/a.cs\n@@ -9,0 +10,3 @@\n" + string.Concat(Guards.Select(l => "+" + l + "\n"))
            + "diff --git a/b.cs b/b.cs\n@@ -40,3 +39,0 @@\n" + string.Concat(Guards.Select(l => "-" + l + "\n"));
        Assert.Equal("diff a.cs\n@@ +10 @@\n" + string.Concat(Guards.Select(l => "+" + l + "\n"))
            + "diff b.cs\n@@ -40 @@\n[… the same 3 lines as at a.cs +10, here removed]\n", GitDiffCompressor.Compress(diff));
    }

    [Fact]
    public void Compress_RepeatAfterAnEmptyContextLine_PointsAtTheRightLine()
    {
        // The context line between the change and the run lost its space (editors trim it): it still counts on both sides.
        string diff = "diff --git a/a.cs b/a.cs\n@@ -1,2 +1,4 @@\n-x\n\n" + string.Concat(Guards.Select(l => "+" + l + "\n"))
            + "diff --git a/b.cs b/b.cs\n@@ -9,0 +10,3 @@\n" + string.Concat(Guards.Select(l => "+" + l + "\n"));
        Assert.EndsWith("diff b.cs\n@@ +10 @@\n[… the same 3 lines as at a.cs +2]\n", GitDiffCompressor.Compress(diff), StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_RunWithMixedSignsAgainstOneSign_IsNotFolded()
    {
        string diff = "diff --git a/a.cs b/a.cs\n@@ -9,0 +10,3 @@\n" + string.Concat(Guards.Select(l => "+" + l + "\n"))
            + "diff --git a/b.cs b/b.cs\n@@ -40,2 +40,1 @@\n-" + Guards[0] + "\n+" + Guards[1] + "\n-" + Guards[2] + "\n";
        Assert.DoesNotContain("the same", GitDiffCompressor.Compress(diff), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0123456789 2026-01-02 Ann: subject", true)]
    [InlineData("0123456789 (HEAD -> main) 2026-01-02 Ann: subject", true)]
    [InlineData("commit 0123456789012345678901234567890123456789", false)] // git's form, before it is written
    [InlineData("0123456789", false)]
    [InlineData("0123456789abcdef rest", false)]
    [InlineData("deadbeefXY rest", false)]
    public void IsWrittenLine_KnowsTheCommitLineTheCompressorWrites(string line, bool expected) =>
        Assert.Equal(expected, GitCommitHeader.IsWrittenLine(line));
}
