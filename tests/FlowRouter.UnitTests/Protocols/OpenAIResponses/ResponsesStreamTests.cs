using System.Buffers;
using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.TestKit;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

public sealed class ResponsesStreamTests
{
    [Theory]
    [MemberData(nameof(ResponsesFixtureData.StreamCases), MemberType = typeof(ResponsesFixtureData))]
    public async Task ReadAsync_FixtureSplitAtEveryOffset_GivesSameEvents(string name)
    {
        byte[] body = ResponsesFixtureData.Load(name).ResponseBody;
        var expected = Describe(await ReadAll(new MemoryStream(body)));

        Assert.Equal("stop", expected[^1]);
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
    [MemberData(nameof(ResponsesFixtureData.StreamCases), MemberType = typeof(ResponsesFixtureData))]
    public async Task WriteThenRead_FixtureStream_IsValidAndAccumulatesToSameAnswer(string name)
    {
        var events = await ReadAll(new MemoryStream(ResponsesFixtureData.Load(name).ResponseBody));

        byte[] written = WriteAll(events, new ResponsesResponseWriterOptions());
        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(written));
        var reread = await ReadAll(new MemoryStream(written));

        Assert.Equal(StreamEventText.Accumulate(events), StreamEventText.Accumulate(reread));
        Assert.Equal(events.Count(e => e is BlockStart), reread.Count(e => e is BlockStart));
        Assert.Equal("response.completed", frames[^1].Type);
    }

    [Fact]
    public async Task ReadAsync_FunctionCallStream_StreamsRawArgumentFragments()
    {
        var events = await ReadAll(new MemoryStream(ResponsesFixtureData.Load("function-call-stream").ResponseBody));

        var start = Assert.Single(events.OfType<BlockStart>());
        Assert.Equal(("call_0UFGPwrziw5rbinYp7rthrTb", "get_weather_at_location", BlockKind.ToolCall), (start.ToolCallId, start.ToolName, start.Kind));
        Assert.Equal(8, events.Count(e => e is BlockDelta { Kind: DeltaKind.Arguments }));
        string accumulated = StreamEventText.Accumulate(events);
        Assert.Contains("tool call_0UFGPwrziw5rbinYp7rthrTb get_weather_at_location {\"location\":\"San Francisco, CA\"}", accumulated, StringComparison.Ordinal);
        Assert.Contains("finish=tool_calls", accumulated, StringComparison.Ordinal);
        var first = Assert.IsType<MessageStart>(events[0]);
        Assert.Equal("resp_0c25e60be926327b0069305eb9ac6c8195833249c070ef4e7e", first.Id);
        Assert.Equal(1764777657, first.Created);
    }

    [Fact]
    public async Task ReadAsync_EncryptedReasoning_BecomesRedactedBlockFromItemDone()
    {
        var events = await ReadAll(new MemoryStream(ResponsesFixtureData.Load("reasoning-stream-usage").ResponseBody));

        Assert.Equal(new BlockStart(0, BlockKind.RedactedReasoning), events[1]);
        var blob = Assert.IsType<BlockDelta>(events[2]);
        Assert.Equal(DeltaKind.Signature, blob.Kind);
        Assert.StartsWith("gAAAAABoyXvxI6jwG5j6rvTGC7PD6JN5758K", blob.Fragment, StringComparison.Ordinal); // the done item's blob, not the added one's
        Assert.Equal(new BlockStop(0), events[3]);
        var usage = events.OfType<MessageDelta>().Single().Usage!;
        Assert.Equal((53L, 469L, 448L, 0L), (usage.InputTokens, usage.OutputTokens, usage.ReasoningTokens!.Value, usage.CacheReadTokens!.Value));
    }

    [Fact]
    public async Task ReadAsync_ReasoningSummaryStream_OneReasoningBlockPerSummaryPart()
    {
        var events = await ReadAll(new MemoryStream(ResponsesFixtureData.Load("reasoning-summary-stream").ResponseBody));

        var kinds = events.OfType<BlockStart>().Select(b => b.Kind).ToList();
        Assert.Equal([BlockKind.Reasoning, BlockKind.Reasoning, BlockKind.Reasoning, BlockKind.Text], kinds);
        string accumulated = StreamEventText.Accumulate(events);
        Assert.Contains("text=3\n", accumulated, StringComparison.Ordinal);
        Assert.Contains("reasoning=**Exploring prime numbers**", accumulated, StringComparison.Ordinal);
        Assert.Contains("finish=stop", accumulated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StreamWithoutTerminalEvent_EndsWithTruncationError()
    {
        string text = Encoding.UTF8.GetString(ResponsesFixtureData.Load("stream-text").ResponseBody);
        byte[] truncated = Encoding.UTF8.GetBytes(text[..text.IndexOf("event: response.completed", StringComparison.Ordinal)]);

        var events = await ReadAll(new MemoryStream(truncated));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(ErrorKind.UpstreamUnreachable, error.Error.Kind);
        Assert.DoesNotContain(events, e => e is MessageStop);
    }

    [Theory]
    [InlineData("event: response.failed\ndata: {\"type\":\"response.failed\",\"sequence_number\":3,\"response\":{\"id\":\"resp_1\",\"status\":\"failed\",\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"Your input exceeds the context window\"}}}\n\n", "context_length_exceeded")]
    [InlineData("event: error\ndata: {\"type\":\"error\",\"sequence_number\":3,\"code\":\"rate_limit_exceeded\",\"message\":\"Your input exceeds the context window\",\"param\":null}\n\n", "rate_limit_exceeded")]
    public async Task ReadAsync_FailureEvents_BecomeStreamErrorWithUpstreamCode(string failure, string code)
    {
        string text = Encoding.UTF8.GetString(ResponsesFixtureData.Load("stream-text").ResponseBody);
        string head = text[..text.IndexOf("event: response.output_text.done", StringComparison.Ordinal)];

        var events = await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(head + failure)));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(code, error.Error.Code);
        Assert.Equal("Your input exceeds the context window", error.Error.Message);
        Assert.Null(error.Error.Type);
        Assert.DoesNotContain(events, e => e is MessageStop);
    }

    [Fact]
    public void Write_StreamErrorAfterStart_WritesResponseFailedWithCode()
    {
        var error = new GatewayError(ErrorKind.UpstreamUnreachable, 502, "upstream went away");
        StreamEvent[] events = [new MessageStart("id1", "m", 5), new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "Hel"), new StreamError(error), MessageStop.Instance];

        string written = Encoding.UTF8.GetString(WriteAll(events, new ResponsesResponseWriterOptions()));

        var frames = ResponsesSseAssert.Valid(written);
        Assert.Equal("response.failed", frames[^1].Type);
        var response = frames[^1].Data.GetProperty("response");
        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("upstream_unreachable", response.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("upstream went away", response.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Write_StreamErrorBeforeStart_WritesErrorEvent()
    {
        var error = new GatewayError(ErrorKind.RateLimited, 429, "slow down");

        string written = Encoding.UTF8.GetString(WriteAll([new StreamError(error)], new ResponsesResponseWriterOptions()));

        Assert.Equal("event: error\ndata: {\"type\":\"error\",\"sequence_number\":0,\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\",\"param\":null}\n\n", written);
    }

    [Fact]
    public void Write_LengthFinish_WritesResponseIncomplete()
    {
        StreamEvent[] events = [new MessageStart(null, "m"), new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "cut"), new MessageDelta(FinishReason.Length, new Usage { InputTokens = 3, OutputTokens = 20 }), MessageStop.Instance];

        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(WriteAll(events, new ResponsesResponseWriterOptions { Id = "resp_fixed" })));

        var response = frames[^1].Data.GetProperty("response");
        Assert.Equal("response.incomplete", frames[^1].Type);
        Assert.Equal("resp_fixed", response.GetProperty("id").GetString());
        Assert.Equal("max_output_tokens", response.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", response.GetProperty("output")[0].GetProperty("status").GetString());
        Assert.Equal(23, response.GetProperty("usage").GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public async Task WriteThenRead_CustomToolCall_RoundTripsAsCustomItemWithFreeTextInput()
    {
        StreamEvent[] events =
        [
            new MessageStart("resp_1", "gpt-5", 9),
            new BlockStart(0, BlockKind.ToolCall, "call_9", "grep") { ToolKind = ToolKind.Custom },
            new BlockDelta(0, DeltaKind.Arguments, "TODO "), new BlockDelta(0, DeltaKind.Arguments, "src/"), new BlockStop(0),
            new MessageDelta(FinishReason.ToolCalls, new Usage { InputTokens = 10, OutputTokens = 4, CacheReadTokens = 0, ReasoningTokens = 0 }), MessageStop.Instance,
        ];

        byte[] written = WriteAll(events, new ResponsesResponseWriterOptions());
        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(written));
        var reread = await ReadAll(new MemoryStream(written));

        Assert.Contains(frames, f => f.Type == "response.custom_tool_call_input.delta");
        var item = frames.Single(f => f.Type == "response.output_item.done").Data.GetProperty("item");
        Assert.Equal("custom_tool_call", item.GetProperty("type").GetString());
        Assert.Equal("TODO src/", item.GetProperty("input").GetString());
        Assert.Equal("resp_1", frames[0].Data.GetProperty("response").GetProperty("id").GetString());
        var start = Assert.Single(reread.OfType<BlockStart>());
        Assert.Equal((ToolKind.Custom, "call_9", "grep"), (start.ToolKind, start.ToolCallId, start.ToolName));
        Assert.Equal(StreamEventText.Accumulate(events), StreamEventText.Accumulate(reread));
    }

    [Fact]
    public async Task WriteThenRead_ResponsesReasoningWithBlob_KeepsSummariesAndEncryptedContentInOneItem()
    {
        var events = await ReadAll(new MemoryStream(ResponsesFixtureData.Load("reasoning-stream-usage").ResponseBody));

        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(WriteAll(events, new ResponsesResponseWriterOptions())));

        var reasoning = frames[^1].Data.GetProperty("response").GetProperty("output")[0];
        Assert.Equal("reasoning", reasoning.GetProperty("type").GetString());
        Assert.StartsWith("gAAAAABoyXvxI6jwG5j6rvTGC7PD6JN5758K", reasoning.GetProperty("encrypted_content").GetString(), StringComparison.Ordinal);
        Assert.Equal(448, frames[^1].Data.GetProperty("response").GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt64());
    }

    internal static async Task<List<StreamEvent>> ReadAll(Stream stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var e in ResponsesStreamDecoder.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    internal static byte[] WriteAll(IEnumerable<StreamEvent> events, ResponsesResponseWriterOptions options)
    {
        using var writer = new ResponsesStreamWriter(options);
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            writer.Write(e, output);
        }
        return output.WrittenSpan.ToArray();
    }

    private static List<string> Describe(List<StreamEvent> events) => events.ConvertAll(StreamEventText.Describe);
}
