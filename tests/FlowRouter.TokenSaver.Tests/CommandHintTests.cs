namespace FlowRouter.TokenSaver.Tests;

/// <summary>The producing program is read from the shell command of the tool call, and only settles what content cannot.</summary>
public sealed class CommandHintTests
{
    [Theory]
    [InlineData("find . -name \"*.py\" -not -path \"./.git/*\"", "find")]
    [InlineData("cd repo && find src -type f | sort | head -n 50", "find")]
    [InlineData("LC_ALL=C sudo /usr/bin/find / -name x", "find")]
    [InlineData("git status; grep -rl TODO src", "grep")]
    [InlineData("rg -l foo | xargs wc -l", "rg")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void Program_IsTheFirstStageOfTheLastClause(string? command, string? program) =>
        Assert.Equal(program, CommandHint.Program(command));

    private static readonly string PathList = string.Concat(
        from dir in new[] { "source/alpha/", "source/beta/", "tests/unit/" }
        from name in new[] { "one.c", "two.c", "three.c", "four.c", "five.c" }
        select dir + name + "\n");

    [Fact]
    public void BarePathList_IsGroupedOnlyWhenTheCommandIsFind()
    {
        var unknown = ToolOutputCompressor.Compress(PathList);
        var grep = ToolOutputCompressor.Compress(PathList, command: "grep -rl cJSON_Delete src tests");
        var find = ToolOutputCompressor.Compress(PathList, command: "find src tests -name '*.c'");

        Assert.False(unknown.Changed); // grep -l's facts are whole paths: without a hint the list stays as it is
        Assert.False(grep.Changed);
        Assert.Equal(OutputKinds.Find, find.Kind);
        Assert.Contains("source/alpha/: one.c two.c three.c four.c five.c", find.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FindHint_DoesNotOverrideContentThatIsSomethingElse()
    {
        string diff = "diff --git a/x.c b/x.c\nindex 1..2 100644\n--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n d\n";
        Assert.Equal(OutputKinds.GitDiff, ToolOutputCompressor.Compress(diff, command: "find . | xargs git diff").Kind);
    }

    [Fact]
    public void SearchHint_KeepsPathlessMatchesFromSourceFileCuts()
    {
        // grep -h of a C# tree: matched lines only, which read like a source file whose bodies and comments get cut.
        string matches = string.Concat(Enumerable.Range(0, 80).Select(i => i % 4 == 0
            ? $"    public void Handle{i}(Request request) {{\n"
            : $"        // handler {i} checks the request before it goes on\n"));
        var plain = ToolOutputCompressor.Compress(matches);
        var searched = ToolOutputCompressor.Compress(matches, command: "grep -rh \"Handle\\|handler\" src");
        Assert.Equal(OutputKinds.Cat, plain.Kind);
        Assert.Equal(OutputKinds.Text, searched.Kind);
        Assert.Equal(matches, searched.Text);
        Assert.Equal(CommandHint.Producer.Search, CommandHint.ProducerOf("git grep -n foo"));
        Assert.Equal(CommandHint.Producer.Unknown, CommandHint.ProducerOf("git log --grep foo"));
        // A grep after git's own stage only filters git log's lines.
        Assert.Equal(CommandHint.Producer.Unknown, CommandHint.ProducerOf("git log --oneline | grep fix"));
        Assert.Equal(CommandHint.Producer.Search, CommandHint.ProducerOf("cd repo && git -C sub grep -n foo | head"));
        Assert.Equal(CommandHint.Producer.Find, CommandHint.ProducerOf("cd x && fd -e py"));
    }
}
