using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Tests;

public sealed class TerminalCleanupTests
{
    [Fact]
    public void Clean_AnsiColoursAndHyperlinks_AreRemoved()
    {
        string text = "\u001b[0mGET / \u001b[31m500\u001b[0m 4.1 ms\n\u001b]8;;https://x\u0007link\u001b]8;;\u0007\n\u001b(Bok\n";
        Assert.Equal("GET / 500 4.1 ms\nlink\nok\n", TerminalCleanup.Clean(text, out _));
    }

    [Fact]
    public void Clean_BarsInsideQuotes_AreCodeNotProgress()
    {
        // A diff adding a progress-bar test's expected output: both lines are changed lines and stay.
        string diff = "@@ +10 @@\n+    \"[#################-------------------]   50%\",\n+    \"[####################################]  100%\",\n";
        Assert.Equal(diff, TerminalCleanup.Clean(diff, out int dropped));
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void Clean_CarriageReturnRedraws_KeepTheLastState()
    {
        Assert.Equal("Receiving objects: 100% (10/10), done.\nnext\n",
            TerminalCleanup.Clean("Receiving objects:  10% (1/10)\rReceiving objects: 100% (10/10), done.\r\nnext\r\n", out _));
    }

    [Fact]
    public void Clean_ProgressBarRun_KeepsOnlyTheLastBar()
    {
        string text = "download\n[#####.....] 50%\n[##########] 100%\ndone\n";
        Assert.Equal("download\n[##########] 100%\ndone\n", TerminalCleanup.Clean(text, out int dropped));
        Assert.Equal(1, dropped);
    }

    [Fact]
    public void Clean_BackspaceOverstrike_IsApplied() => Assert.Equal("Bold\n", TerminalCleanup.Clean("B\bBo\bol\bld\bd\n", out _));

    [Fact]
    public void Clean_PlainText_IsTheSameInstance()
    {
        string text = "nothing to do here\n";
        Assert.Same(text, TerminalCleanup.Clean(text, out _));
    }
}
