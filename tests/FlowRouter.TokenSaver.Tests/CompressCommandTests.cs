using FlowRouter.Cli;

namespace FlowRouter.TokenSaver.Tests;

/// <summary><c>flowrouter compress</c> as the scorer drives it: stdin in, stdout out.</summary>
public sealed class CompressCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(string input, params string[] args)
    {
        using var stdin = new StringReader(input);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(["compress", .. args], stdout, stderr, _ => null, stdin);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Compress_GivenKind_PrintsExactlyWhatTheLibraryReturns()
    {
        string status = "On branch main\nChanges not staged for commit:\n  (use \"git add <file>...\" to update what will be committed)\n\tmodified:   README.md\n";
        var (exit, output, error) = await Run(status, "--kind", "git_status");
        Assert.Equal(0, exit);
        Assert.Equal(ToolOutputCompressor.Compress(status, "git_status").Text, output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Compress_AutoWithStats_DetectsAndReportsOnStderr()
    {
        var (exit, output, error) = await Run("{\n  \"a\": 1\n}\n", "--stats");
        Assert.Equal(0, exit);
        Assert.Equal("{\"a\":1}\n", output);
        Assert.Equal("kind=json chars=13->8 tokens=9->5 changed=yes", error.Trim());
    }

    [Fact]
    public async Task Compress_ACutThatSavesCharactersButNoToken_PrintsTheInputAsTheGatewayWouldSendIt()
    {
        // pytest's progress line is mostly spaces: dropping it saves characters, but its marker costs a token more.
        string run = "." + new string(' ', 72) + "[100%]\n1 passed in 0.00s\n";
        Assert.True(ToolOutputCompressor.Compress(run).Changed);
        var (exit, output, error) = await Run(run, "--stats");
        Assert.Equal(0, exit);
        Assert.Equal(run, output);
        Assert.Matches(@"^kind=test_output chars=98->98 tokens=(\d+)->\1 changed=no$", error.Trim());
    }

    [Fact]
    public async Task Compress_Command_SettlesWhatAPathListIs()
    {
        string paths = string.Concat(from dir in new[] { "./source/alpha/", "./tests/unit/" } from name in new[] { "a.py", "b.py", "c.py", "d.py", "e.py" } select dir + name + "\n");
        var (_, plain, _) = await Run(paths, "--stats");
        var (exit, found, error) = await Run(paths, "--command", "find . -name '*.py'", "--stats");
        Assert.Equal(0, exit);
        Assert.Equal(paths, plain);
        Assert.Contains("./source/alpha/: a.py b.py c.py d.py e.py", found, StringComparison.Ordinal);
        Assert.StartsWith("kind=find ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_UnknownKind_IsAUsageErrorNamingTheKinds()
    {
        var (exit, output, error) = await Run("x", "--kind", "bogus");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("flowrouter: compress: unknown kind 'bogus' (expected auto | build_log", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compress_EmptyInput_PrintsNothing()
    {
        var (exit, output, _) = await Run("");
        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }
}
