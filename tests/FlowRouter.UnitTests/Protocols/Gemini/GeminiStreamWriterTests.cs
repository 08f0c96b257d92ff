using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Gemini;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiStreamWriterTests
{
    [Theory]
    [MemberData(nameof(GeminiFixtureData.SseCases), MemberType = typeof(GeminiFixtureData))]
    public async Task WriteThenRead_SseFixture_AccumulatesToSameAnswer(string name)
    {
        var events = await GeminiStreamTests.ReadAll(new MemoryStream(GeminiFixtureData.Load(name).ResponseBody));

        byte[] written = GeminiStreamTests.WriteAll(events, new GeminiResponseWriterOptions { SignaturesFromGemini = true });
        var reread = await GeminiStreamTests.ReadAll(new MemoryStream(written));

        Assert.Equal(GeminiStreamTests.Accumulate(events), GeminiStreamTests.Accumulate(reread));
        Assert.Contains("end=done", GeminiStreamTests.Accumulate(reread), StringComparison.Ordinal);
        Assert.All(Encoding.UTF8.GetString(written).Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries), frame => Assert.StartsWith("data: {\"candidates\":", frame, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteThenRead_JsonArrayFormat_IsOneValidArrayWithSameAnswer()
    {
        var events = await GeminiStreamTests.ReadArray(new MemoryStream(GeminiFixtureData.Load("stream-json-array-function-call").ResponseBody));

        byte[] written = GeminiStreamTests.WriteAll(events, new GeminiResponseWriterOptions { SignaturesFromGemini = true }, GeminiStreamFormat.JsonArray);

        using var document = JsonDocument.Parse(written);
        Assert.Equal(2, document.RootElement.GetArrayLength());
        var reread = await GeminiStreamTests.ReadArray(new MemoryStream(written));
        Assert.Equal(GeminiStreamTests.Accumulate(events), GeminiStreamTests.Accumulate(reread));
        Assert.Contains("tool gcall_6XJFadi3PJOx-sAPgJ3S6Qs_0 multiply {\n                \"y\": 3,\n                \"x\": 5\n              }", GeminiStreamTests.Accumulate(reread), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ToolCallFragments_OneFunctionCallPartWhenTheBlockStops()
    {
        StreamEvent[] events =
        [
            new MessageStart("msg_1", "claude"),
            new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "Checking."), new BlockStop(0),
            new BlockStart(1, BlockKind.ToolCall, "toolu_1", "get_weather"), new BlockDelta(1, DeltaKind.Arguments, "{\"city\":"), new BlockDelta(1, DeltaKind.Arguments, "\"Paris\"}"), new BlockStop(1),
            new BlockStart(2, BlockKind.ToolCall, "gcall_r_1", "broken"), new BlockDelta(2, DeltaKind.Arguments, "{\"a\":"), new BlockStop(2),
            new MessageDelta(FinishReason.ToolCalls), new MessageDelta(Usage: new Usage { InputTokens = 10, OutputTokens = 5 }), MessageStop.Instance,
        ];

        string[] frames = Frames(GeminiStreamTests.WriteAll(events));

        Assert.Equal(4, frames.Length);
        Assert.Equal("""{"candidates":[{"content":{"parts":[{"text":"Checking."}],"role":"model"},"index":0}],"modelVersion":"claude","responseId":"msg_1"}""", frames[0]);
        Assert.Contains("""{"functionCall":{"name":"get_weather","args":{"city":"Paris"},"id":"toolu_1"}}""", frames[1], StringComparison.Ordinal);
        Assert.Contains("""{"functionCall":{"name":"broken","args":{}}}""", frames[2], StringComparison.Ordinal);
        Assert.Equal("""{"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":15},"modelVersion":"claude","responseId":"msg_1"}""", frames[3]);
    }

    [Fact]
    public void Write_ReasoningWithForeignSignature_WritesThoughtTextButNoSignature()
    {
        StreamEvent[] events =
        [
            new MessageStart("m", "claude"),
            new BlockStart(0, BlockKind.Reasoning), new BlockDelta(0, DeltaKind.Reasoning, "hmm"), new BlockDelta(0, DeltaKind.Signature, "anthropic-sig"), new BlockStop(0),
            new MessageDelta(FinishReason.Stop), MessageStop.Instance,
        ];

        string foreign = Encoding.UTF8.GetString(GeminiStreamTests.WriteAll(events));
        string own = Encoding.UTF8.GetString(GeminiStreamTests.WriteAll(events, new GeminiResponseWriterOptions { SignaturesFromGemini = true }));

        Assert.Contains("""{"text":"hmm","thought":true}""", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic-sig", foreign, StringComparison.Ordinal);
        Assert.Contains("""{"text":"","thought":true,"thoughtSignature":"anthropic-sig"}""", own, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StreamError_WritesErrorChunkAndStops()
    {
        StreamEvent[] events = [new MessageStart("m", "x"), new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "a"), new StreamError(new GatewayError(ErrorKind.RateLimited, 429, "slow down") { RetryAfterSeconds = 7 }), MessageStop.Instance];

        string sse = Encoding.UTF8.GetString(GeminiStreamTests.WriteAll(events));
        string array = Encoding.UTF8.GetString(GeminiStreamTests.WriteAll(events, format: GeminiStreamFormat.JsonArray));

        Assert.EndsWith("""data: {"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}""" + "\r\n\r\n", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("finishReason", sse, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(array);
        Assert.Equal(2, document.RootElement.GetArrayLength());
    }

    [Fact]
    public void Write_StopWithoutAnyContent_IsOneValidArray()
    {
        string array = Encoding.UTF8.GetString(GeminiStreamTests.WriteAll([new MessageStart("m", "x"), MessageStop.Instance], format: GeminiStreamFormat.JsonArray));

        using var document = JsonDocument.Parse(array);
        Assert.Equal("STOP", document.RootElement[0].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    private static string[] Frames(byte[] written) =>
        Encoding.UTF8.GetString(written).Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f["data: ".Length..]).ToArray();

    internal static string Core(string accumulated) =>
        string.Join('\n', accumulated.Split('\n').Where(l => l.StartsWith("text=", StringComparison.Ordinal) || l.StartsWith("reasoning=", StringComparison.Ordinal) || l.StartsWith("tool ", StringComparison.Ordinal)));

    internal static string Describe(StreamEvent e) => StreamEventText.Describe(e);
}
