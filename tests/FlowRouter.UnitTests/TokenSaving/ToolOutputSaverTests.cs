using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.Transforms;
using FlowRouter.Providers.Tokens;
using FlowRouter.TokenSaving;

namespace FlowRouter.UnitTests.TokenSaving;

/// <summary>The saver sends a condensed tool output only when it costs fewer tokens, and counts both sides.</summary>
public sealed class ToolOutputSaverTests
{
    /// <summary>3,000 characters that o200k packs into few tokens.</summary>
    private static readonly string Output = new('=', 3000);

    /// <summary>An OpenAI chat body whose tool message holds <paramref name="output"/> (plain ASCII, no JSON escapes).</summary>
    private static byte[] ChatWithToolOutput(string output) => Encoding.UTF8.GetBytes(
        $$"""{"model":"m","messages":[{"role":"user","content":"run it"},{"role":"tool","tool_call_id":"c1","content":"{{output}}"}]}""");

    [Fact]
    public void FewerCharactersButMoreTokens_LeavesTheBodyAsTheClientSentIt()
    {
        // Shorter in characters, but every number is a token of its own.
        string condensed = string.Join(' ', Enumerable.Range(0, 600));
        Assert.True(condensed.Length < Output.Length);
        Assert.True(TokenEstimator.CountTokens(condensed) > TokenEstimator.CountTokens(Output));

        var saving = new ToolOutputSaver((_, _) => condensed).Apply(ChatWithToolOutput(Output), ToolOutputFormat.OpenAIChat, minChars: 100);

        Assert.Null(saving.Body);
        Assert.Equal(0, saving.TokensBefore);
        Assert.Equal(0, saving.TokensAfter);
    }

    [Fact]
    public void FewerTokens_RewritesTheToolOutputAndCountsBothSides()
    {
        const string condensed = "[… 3000 equals signs omitted]";
        var saving = new ToolOutputSaver((_, _) => condensed).Apply(ChatWithToolOutput(Output), ToolOutputFormat.OpenAIChat, minChars: 100);

        Assert.NotNull(saving.Body);
        string content = JsonDocument.Parse(saving.Body).RootElement.GetProperty("messages")[1].GetProperty("content").GetString()!;
        Assert.Equal(condensed, content);
        Assert.Equal(TokenEstimator.CountTokens(Output), saving.TokensBefore);
        Assert.Equal(TokenEstimator.CountTokens(condensed), saving.TokensAfter);
        Assert.True(saving.TokensSaved > 0);
    }
}
