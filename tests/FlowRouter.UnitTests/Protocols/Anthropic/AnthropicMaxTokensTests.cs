using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicMaxTokensTests
{
    [Theory]
    [InlineData(null, 64000, null, 64000)]
    [InlineData(100000, 4096, 64000, 64000)]
    [InlineData(1000, 4096, 64000, 1000)]
    [InlineData(100000, 4096, null, 100000)]
    public void Write_MaxTokens_DefaultWhenAbsentClampedToKnownLimit(int? requested, int defaultMax, int? limit, int expected)
    {
        var request = new ChatRequest { Model = "m", MaxOutputTokens = requested };
        var user = new ChatMessage(ChatRole.User);
        user.Parts.Add(new TextPart("hi"));
        request.Messages.Add(user);
        byte[] json = AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { DefaultMaxTokens = defaultMax, MaxTokensLimit = limit });
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, document.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void Write_JsonObjectMode_BecomesASystemInstructionNotAStructuredOutput()
    {
        var request = new ChatRequest { Model = "m", ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject) };
        var user = new ChatMessage(ChatRole.User);
        user.Parts.Add(new TextPart("list three colours"));
        request.Messages.Add(user);
        using var document = JsonDocument.Parse(AnthropicRequestWriter.Write(request));
        Assert.Contains(AnthropicRequestWriter.JsonObjectInstruction, document.RootElement.GetProperty("system").ToString(), StringComparison.Ordinal);
        Assert.False(document.RootElement.TryGetProperty("output_config", out _));
    }

    [Fact]
    public void Write_ToolLoopWhoseThinkingBelongsToAnotherModel_ThinkingBlockAndThinkingLeftOut()
    {
        var request = ToolLoop(new ReasoningPart { Text = "t", Signature = "sig", OriginProvider = "a", OriginModel = "claude-x" });
        using var document = JsonDocument.Parse(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { TargetProvider = "b", TargetModel = "claude-x" }));
        var assistant = document.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal("tool_use", assistant[0].GetProperty("type").GetString());
        Assert.False(document.RootElement.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Write_ToolLoopWithItsOwnThinking_ThinkingKept()
    {
        var request = ToolLoop(new ReasoningPart { Text = "t", Signature = "sig", OriginProvider = "a", OriginModel = "claude-x" });
        using var document = JsonDocument.Parse(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { TargetProvider = "a", TargetModel = "claude-x" }));
        Assert.Equal("thinking", document.RootElement.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal(2048, document.RootElement.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    private static ChatRequest ToolLoop(ReasoningPart thinking)
    {
        var request = new ChatRequest { Model = "m", MaxOutputTokens = 8000, Reasoning = new ReasoningOptions { Enabled = true, BudgetTokens = 2048 } };
        var user = new ChatMessage(ChatRole.User);
        user.Parts.Add(new TextPart("where am I?"));
        var assistant = new ChatMessage(ChatRole.Assistant);
        assistant.Parts.Add(thinking);
        assistant.Parts.Add(new ToolCallPart("toolu_1", "get_country", "{}"));
        var result = new ChatMessage(ChatRole.User);
        var answer = new ToolResultPart("toolu_1");
        answer.Content.Add(new TextPart("France"));
        result.Parts.Add(answer);
        request.Messages.AddRange([user, assistant, result]);
        return request;
    }
}
