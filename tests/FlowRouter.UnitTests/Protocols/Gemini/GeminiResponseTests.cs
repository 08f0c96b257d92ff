using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Gemini;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiResponseTests
{
    [Theory]
    [MemberData(nameof(GeminiFixtureData.JsonSuccessCases), MemberType = typeof(GeminiFixtureData))]
    public void ReadThenWrite_FixtureResponse_GivesSameJson(string name)
    {
        byte[] body = GeminiFixtureData.Load(name).ResponseBody;

        var response = GeminiResponseReader.Read(body);

        JsonAssert.Equal(body, GeminiResponseWriter.Write(response));
    }

    [Fact]
    public void Read_ParallelCalls_StopMeansToolCallsAndIdsAreDeterministic()
    {
        var response = GeminiResponseReader.Read(GeminiFixtureData.Load("parallel-function-calls").ResponseBody);

        Assert.Equal(FinishReason.ToolCalls, response.FinishReason);
        var calls = response.Message.Parts.OfType<ToolCallPart>().ToList();
        Assert.Equal(["print", "beep", "controlLight"], calls.Select(c => c.Name));
        Assert.Equal(["gcall_ojCtaMv-M-H9jrEP_aiggAo_0", "gcall_ojCtaMv-M-H9jrEP_aiggAo_1", "gcall_ojCtaMv-M-H9jrEP_aiggAo_2"], calls.Select(c => c.Id));
        Assert.Equal("""{"color": "blue", "text": "hello"}""".Replace(" ", "", StringComparison.Ordinal), calls[0].ArgumentsJson.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CachedContent_CountsPromptWithCacheAndOutputWithThoughts()
    {
        var response = GeminiResponseReader.Read(GeminiFixtureData.Load("cached-content-usage").ResponseBody);

        var usage = response.Usage!;
        Assert.Equal(3520, usage.InputTokens);
        Assert.Equal(3512, usage.CacheReadTokens);
        Assert.Equal(2 + 42, usage.OutputTokens);
        Assert.Equal(42, usage.ReasoningTokens);
        Assert.Equal(3564, usage.TotalTokens);
        Assert.Equal("_VQYaqvRGbW6qtsPg4TDoAg", response.Id);
        Assert.Equal("gemini-2.5-flash", response.Model);
    }

    [Fact]
    public void Read_SafetyBlock_IsContentFilterWithRatingsKept()
    {
        var response = GeminiResponseReader.Read(GeminiFixtureData.Load("safety-block").ResponseBody);

        Assert.Equal(FinishReason.ContentFilter, response.FinishReason);
        Assert.Empty(response.Message.Parts);
        Assert.Contains("HARM_CATEGORY_HATE_SPEECH", response.ChoiceExtensions!.Get("safetyRatings"), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThinkingWithSignature_GivesGeminiTaggedReasoningAndSignedText()
    {
        var response = GeminiResponseReader.Read(GeminiFixtureData.Load("thinking-include-thoughts").ResponseBody);

        var reasoning = Assert.IsType<ReasoningPart>(response.Message.Parts[0]);
        Assert.StartsWith("**A Safe Street-Crossing Guide", reasoning.Text, StringComparison.Ordinal);
        Assert.Equal(WireProtocol.Gemini, reasoning.Extensions?.Source);
        var text = Assert.IsType<TextPart>(response.Message.Parts[1]);
        Assert.NotNull(text.Extensions?.Get("thoughtSignature"));
        Assert.Equal(1001, response.Usage!.ReasoningTokens);
        Assert.Equal(736 + 1001, response.Usage.OutputTokens);
    }

    [Fact]
    public void Read_PromptBlockedWithoutCandidates_IsContentFilterAndWritesBack()
    {
        byte[] body = """{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash","responseId":"r1"}"""u8.ToArray();

        var response = GeminiResponseReader.Read(body);

        Assert.Equal(FinishReason.ContentFilter, response.FinishReason);
        JsonAssert.Equal(body, GeminiResponseWriter.Write(response));
    }

    [Theory]
    [InlineData("STOP", false, "stop")]
    [InlineData("STOP", true, "tool_calls")]
    [InlineData("MAX_TOKENS", false, "length")]
    [InlineData("SAFETY", false, "content_filter")]
    [InlineData("RECITATION", false, "content_filter")]
    [InlineData("BLOCKLIST", false, "content_filter")]
    [InlineData("PROHIBITED_CONTENT", false, "content_filter")]
    [InlineData("SPII", false, "content_filter")]
    [InlineData("IMAGE_SAFETY", false, "content_filter")]
    [InlineData("MALFORMED_FUNCTION_CALL", false, "error")]
    [InlineData("OTHER", false, "OTHER")]
    [InlineData("LANGUAGE", false, "LANGUAGE")]
    [InlineData("SOMETHING_NEW", false, "SOMETHING_NEW")]
    public void FinishReasons_Read_MapsByRuleAndKeepsUnknownWords(string raw, bool calls, string expected) =>
        Assert.Equal(expected, GeminiFinishReasons.Read(raw, calls).Value);

    [Theory]
    [InlineData("stop", "STOP")]
    [InlineData("tool_calls", "STOP")]
    [InlineData("length", "MAX_TOKENS")]
    [InlineData("content_filter", "SAFETY")]
    [InlineData("refusal", "SAFETY")]
    [InlineData("stop_sequence", "STOP")]
    [InlineData("error", "OTHER")]
    [InlineData("end_turn_weird", "OTHER")]
    [InlineData("LANGUAGE", "LANGUAGE")]
    public void FinishReasons_Write_MapsCanonicalToGeminiWords(string canonical, string expected) =>
        Assert.Equal(expected, GeminiFinishReasons.Write(new FinishReason(canonical)));

    [Fact]
    public void Write_RecitationRead_WritesRecitationAgain()
    {
        byte[] body = """{"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"finishReason":"RECITATION","index":0}],"modelVersion":"m","responseId":"r"}"""u8.ToArray();

        JsonAssert.Equal(body, GeminiResponseWriter.Write(GeminiResponseReader.Read(body)));
    }

    [Fact]
    public void Write_FromOpenAIResponse_IsGeminiShape()
    {
        var response = new ChatResponse { Id = "chatcmpl-1", Model = "gpt-4o", FinishReason = FinishReason.ToolCalls };
        response.Message.Parts.Add(new ReasoningPart { Text = "thinking", Signature = "anthropic-sig" });
        response.Message.Parts.Add(new TextPart("Let me check."));
        response.Message.Parts.Add(new ToolCallPart("call_abc", "get_weather", """{"city":"Paris"}"""));
        response.Message.Parts.Add(new ToolCallPart("gcall_x_0", "noop", "not json"));
        response.Usage = new Usage { InputTokens = 100, OutputTokens = 30, ReasoningTokens = 10, CacheReadTokens = 40 };

        using var document = JsonDocument.Parse(GeminiResponseWriter.Write(response, new GeminiResponseWriterOptions { Model = "client-model" }));

        var root = document.RootElement;
        var candidate = root.GetProperty("candidates")[0];
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        var parts = candidate.GetProperty("content").GetProperty("parts");
        Assert.Equal("""{"text":"thinking","thought":true}""", parts[0].GetRawText());
        Assert.Equal("""{"functionCall":{"name":"get_weather","args":{"city":"Paris"},"id":"call_abc"}}""", parts[2].GetRawText());
        Assert.Equal("""{"functionCall":{"name":"noop","args":{}}}""", parts[3].GetRawText());
        Assert.Equal("""{"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":10,"cachedContentTokenCount":40,"totalTokenCount":130}""", root.GetProperty("usageMetadata").GetRawText());
        Assert.Equal("client-model", root.GetProperty("modelVersion").GetString());
        Assert.Equal("chatcmpl-1", root.GetProperty("responseId").GetString());
    }
}
