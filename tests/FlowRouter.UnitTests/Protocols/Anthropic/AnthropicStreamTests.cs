using System.Buffers;
using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.TestKit;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicStreamTests
{
    [Theory]
    [MemberData(nameof(AnthropicFixtureData.StreamCases), MemberType = typeof(AnthropicFixtureData))]
    public async Task ReadAsync_FixtureSplitAtEveryOffset_GivesSameEvents(string name)
    {
        byte[] body = AnthropicFixtureData.Load(name).ResponseBody;
        var expected = Describe(await ReadAll(new MemoryStream(body)));

        foreach (int offset in FlowRouter.TestKit.SplitOffsets.For(body))
        {
            Assert.Equal(expected, Describe(await ReadAll(new SplitStream(body, offset))));
        }
        foreach (int chunkSize in new[] { 1, 2, 3, 7, 64 })
        {
            Assert.Equal(expected, Describe(await ReadAll(new ChunkedStream(body, chunkSize))));
        }
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.StreamCases), MemberType = typeof(AnthropicFixtureData))]
    public async Task WriteThenRead_FixtureStream_AccumulatesToSameAnswer(string name)
    {
        var events = await ReadAll(new MemoryStream(AnthropicFixtureData.Load(name).ResponseBody));

        byte[] written = WriteAll(events);
        var reread = await ReadAll(new MemoryStream(written));

        Assert.Equal(Accumulate(events), Accumulate(reread));
        Assert.Equal("done", Accumulate(reread).Split('\n').Single(l => l.StartsWith("end=", StringComparison.Ordinal))[4..]);
    }

    [Fact]
    public async Task ReadAsync_ThinkingStream_KeepsThinkingAndSignature()
    {
        var events = await ReadAll(new MemoryStream(AnthropicFixtureData.Load("thinking-tool-use-stream").ResponseBody));

        string accumulated = Accumulate(events);
        Assert.Contains("reasoning=The user wants me to:\n1. Use the fixed_version tool", accumulated, StringComparison.Ordinal);
        Assert.Contains("signature=EoQDCm0IDhgCKkCDzGs2", accumulated, StringComparison.Ordinal);
        Assert.Contains("tool toolu_01825dXWLSoJwCst1qTsiWdb fixed_version ", accumulated, StringComparison.Ordinal);
        Assert.Contains("finish=tool_calls", accumulated, StringComparison.Ordinal);
        Assert.Contains("usage=in=598 out=92 cached=0 reasoning=53", accumulated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StopSequence_CarriesTheSequence()
    {
        var events = await ReadAll(new MemoryStream(AnthropicFixtureData.Load("stop-sequence-prefill-stream").ResponseBody));

        var delta = Assert.Single(events.OfType<MessageDelta>());
        Assert.Equal(FinishReason.StopSequence, delta.Finish);
        Assert.Equal("```", delta.StopSequence);
    }

    [Fact]
    public async Task ReadAsync_StreamWithoutMessageStop_EndsWithTruncationError()
    {
        string text = Encoding.UTF8.GetString(AnthropicFixtureData.Load("stream-text").ResponseBody);
        byte[] truncated = Encoding.UTF8.GetBytes(text[..text.IndexOf("event: message_stop", StringComparison.Ordinal)]);

        var events = await ReadAll(new MemoryStream(truncated));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(ErrorKind.UpstreamUnreachable, error.Error.Kind);
        Assert.Contains("closed the stream before it finished", error.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e is MessageStop);
    }

    [Fact]
    public async Task ReadAsync_OverloadedErrorEvent_YieldsOverloaded529()
    {
        byte[] body = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}

            event: ping
            data: {"type": "ping"}

            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """u8.ToArray();

        var events = await ReadAll(new MemoryStream(body));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(ErrorKind.Overloaded, error.Error.Kind);
        Assert.Equal(529, error.Error.Status);
        Assert.Equal("Overloaded", error.Error.Message);
        Assert.Equal("overloaded_error", error.Error.Type);
    }

    [Fact]
    public void Write_SeveralMessageDeltas_MergesIntoOneMessageDeltaWithFinalUsage()
    {
        StreamEvent[] events =
        [
            new MessageStart("c1", "gpt", 5),
            new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "Hi"),
            new BlockStart(1, BlockKind.ToolCall, "call_1", "f"), new BlockDelta(1, DeltaKind.Arguments, "{\"a\":"), new BlockDelta(1, DeltaKind.Arguments, "1}"), new BlockStop(1),
            new MessageDelta(FinishReason.ToolCalls),
            new MessageDelta(Usage: new Usage { InputTokens = 10, OutputTokens = 4, CacheReadTokens = 6 }),
            MessageStop.Instance,
        ];

        string written = Encoding.UTF8.GetString(WriteAll(events));

        Assert.Equal(1, CountOccurrences(written, "event: message_delta"));
        Assert.Contains("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":4,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":6,\"output_tokens\":4}}", written, StringComparison.Ordinal);
        Assert.Contains("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}", written, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"f\",\"input\":{}}}", written, StringComparison.Ordinal);
        Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteThenRead_RedactedThinking_KeepsData()
    {
        StreamEvent[] events =
        [
            new MessageStart("msg_1", "m"),
            new BlockStart(0, BlockKind.RedactedReasoning), new BlockDelta(0, DeltaKind.Signature, "opaque"), new BlockStop(0),
            new BlockStart(1, BlockKind.Text), new BlockDelta(1, DeltaKind.Text, "ok"), new BlockStop(1),
            new MessageDelta(FinishReason.Stop, new Usage { InputTokens = 3, OutputTokens = 2, CacheReadTokens = 0, CacheWriteTokens = 0 }), MessageStop.Instance,
        ];

        string written = Encoding.UTF8.GetString(WriteAll(events));
        var reread = await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(written)));

        Assert.Contains("\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"opaque\"}", written, StringComparison.Ordinal);
        Assert.Equal(Accumulate(events), Accumulate(reread));
    }

    [Fact]
    public void Write_StreamError_WritesErrorEventAndStops()
    {
        var error = new GatewayError(ErrorKind.Overloaded, 529, "busy");
        StreamEvent[] events = [new MessageStart("msg_1", "m"), new BlockStart(0, BlockKind.Text), new StreamError(error), MessageStop.Instance];

        string written = Encoding.UTF8.GetString(WriteAll(events));

        Assert.EndsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", written, StringComparison.Ordinal);
    }

    internal static async Task<List<StreamEvent>> ReadAll(Stream stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var e in AnthropicStreamReader.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    internal static byte[] WriteAll(IEnumerable<StreamEvent> events, AnthropicResponseWriterOptions? options = null)
    {
        using var writer = new AnthropicStreamWriter(options);
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            writer.Write(e, output);
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The shared accumulation plus what only Anthropic carries: signatures and the stop sequence.</summary>
    internal static string Accumulate(IEnumerable<StreamEvent> events)
    {
        var list = events.ToList();
        string signatures = string.Concat(list.OfType<BlockDelta>().Where(d => d.Kind == DeltaKind.Signature).Select(d => d.Fragment));
        string stopSequence = list.OfType<MessageDelta>().LastOrDefault(d => d.StopSequence is not null)?.StopSequence ?? "";
        return StreamEventText.Accumulate(list).Replace(" {}\n", " \n", StringComparison.Ordinal) + $"signature={signatures}\nstop_sequence={stopSequence}\n";
    }

    private static List<string> Describe(List<StreamEvent> events) => events.ConvertAll(StreamEventText.Describe);

    private static int CountOccurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
