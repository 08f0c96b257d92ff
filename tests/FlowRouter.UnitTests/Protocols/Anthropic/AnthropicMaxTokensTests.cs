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
}
