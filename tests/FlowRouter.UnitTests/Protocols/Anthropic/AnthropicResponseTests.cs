using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicResponseTests
{
    [Theory]
    [MemberData(nameof(AnthropicFixtureData.JsonSuccessCases), MemberType = typeof(AnthropicFixtureData))]
    public void ReadThenWrite_FixtureResponse_GivesSameJson(string name)
    {
        var fixture = AnthropicFixtureData.Load(name);

        var response = AnthropicResponseReader.Read(fixture.ResponseBody);
        byte[] written = AnthropicResponseWriter.Write(response);

        JsonAssert.Equal(fixture.ResponseBody, written);
    }

    [Theory]
    [InlineData("model_context_window_exceeded")]
    [InlineData("some_future_reason")]
    [InlineData("pause_turn")]
    [InlineData("refusal")]
    public void ReadThenWrite_StopReason_KeepsUpstreamWord(string stopReason)
    {
        string json = $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":"{{{stopReason}}}","stop_sequence":null,"usage":{"input_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":2}}""";

        var written = AnthropicResponseWriter.Write(AnthropicResponseReader.Read(Encoding.UTF8.GetBytes(json)));

        JsonAssert.Equal(json, Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Read_PromptCacheRead_CountsWholePromptOnce()
    {
        var response = AnthropicResponseReader.Read(AnthropicFixtureData.Load("prompt-cache-read").ResponseBody);

        Assert.Equal(12 + 4167, response.Usage!.InputTokens);
        Assert.Equal(4167, response.Usage.CacheReadTokens);
        Assert.Equal(0, response.Usage.CacheWriteTokens);
        Assert.Equal(350, response.Usage.OutputTokens);
    }

    [Fact]
    public void Write_UsageWithCacheReadAndWrite_SplitsPromptBack()
    {
        var response = new ChatResponse { Id = "msg_1", Model = "m", FinishReason = FinishReason.Stop };
        response.Usage = new Usage { InputTokens = 1000, CacheReadTokens = 700, CacheWriteTokens = 200, OutputTokens = 5, ReasoningTokens = 3 };

        string written = Encoding.UTF8.GetString(AnthropicResponseWriter.Write(response));

        Assert.Contains("\"usage\":{\"input_tokens\":100,\"cache_creation_input_tokens\":200,\"cache_read_input_tokens\":700,\"output_tokens\":5,\"output_tokens_details\":{\"thinking_tokens\":3}}", written, StringComparison.Ordinal);
        var reread = AnthropicResponseReader.Read(Encoding.UTF8.GetBytes(written)).Usage!;
        Assert.Equal(response.Usage with { Extensions = null }, reread with { Extensions = null });
    }

    [Fact]
    public void CrossProtocol_OpenAICachedUsage_KeepsTotalPrompt()
    {
        var openAi = OpenAIChatResponseReader.Read(Fixtures.Load("openai-chat", "cached-tokens-usage").ResponseBody);

        var written = AnthropicResponseWriter.Write(openAi);
        var reread = AnthropicResponseReader.Read(written);

        Assert.Equal(openAi.Usage!.InputTokens, reread.Usage!.InputTokens);
        Assert.Equal(openAi.Usage.CacheReadTokens, reread.Usage.CacheReadTokens);
        Assert.Equal(openAi.Usage.OutputTokens, reread.Usage.OutputTokens);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("stop_sequence", "stop_sequence")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("pause_turn", "pause_turn")]
    [InlineData("refusal", "refusal")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("brand_new", "brand_new")]
    public void StopReasons_Read_MapsToCanonical(string wire, string canonical) =>
        Assert.Equal(canonical, AnthropicStopReasons.Read(wire).Value);

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "refusal")]
    [InlineData("error", "end_turn")]
    [InlineData("brand_new", "end_turn")]
    public void StopReasons_Write_MapsFromCanonical(string canonical, string wire) =>
        Assert.Equal(wire, AnthropicStopReasons.Write(new FinishReason(canonical)));

    [Theory]
    [MemberData(nameof(OpenAIJsonSuccessCases))]
    public void CrossProtocol_OpenAIResponse_WritesValidMessage(string name)
    {
        var response = OpenAIChatResponseReader.Read(Fixtures.Load("openai-chat", name).ResponseBody);

        string written = Encoding.UTF8.GetString(AnthropicResponseWriter.Write(response, new AnthropicResponseWriterOptions { Model = "alias" }));

        using var document = System.Text.Json.JsonDocument.Parse(written);
        var root = document.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("alias", root.GetProperty("model").GetString());
        foreach (var block in root.GetProperty("content").EnumerateArray())
        {
            Assert.Contains(block.GetProperty("type").GetString(), new[] { "text", "tool_use", "thinking" });
            if (block.GetProperty("type").GetString() == "tool_use")
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Object, block.GetProperty("input").ValueKind);
            }
        }
        Assert.DoesNotContain("chat.completion", written, StringComparison.Ordinal);
    }

    public static TheoryData<string> OpenAIJsonSuccessCases() =>
        FlowRouter.UnitTests.Protocols.OpenAIChat.OpenAIChatFixtureData.JsonSuccessCases();
}
