using System.Buffers;
using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatStreamTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.StreamCases), MemberType = typeof(OpenAIChatFixtureData))]
    public async Task ReadAsync_FixtureSplitAtEveryOffset_GivesSameEvents(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).ResponseBody;
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
    [MemberData(nameof(OpenAIChatFixtureData.StreamCases), MemberType = typeof(OpenAIChatFixtureData))]
    public async Task WriteThenRead_FixtureStream_AccumulatesToSameAnswer(string name)
    {
        var events = await ReadAll(new MemoryStream(OpenAIChatFixtureData.Load(name).ResponseBody));

        byte[] written = WriteAll(events, new OpenAIChatResponseWriterOptions { IncludeUsage = true });
        var reread = await ReadAll(new MemoryStream(written));

        Assert.Equal(StreamEventText.Accumulate(events), StreamEventText.Accumulate(reread));
        Assert.EndsWith("data: [DONE]\n\n", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ParallelToolCalls_OpensOneBlockPerCallWithFullArguments()
    {
        var events = await ReadAll(new MemoryStream(OpenAIChatFixtureData.Load("stream-parallel-tool-calls").ResponseBody));

        string accumulated = StreamEventText.Accumulate(events);
        Assert.Contains("tool call_M26z19sncd7b4LBgzKRRbaUE secret_retrieval_tool {\"password\": \"mellon\"}", accumulated, StringComparison.Ordinal);
        Assert.Contains("tool call_KPXe5NX7IcKkaBUhc6dto2QV secret_retrieval_tool {\"password\": \"radiance\"}", accumulated, StringComparison.Ordinal);
        Assert.Contains("finish=tool_calls", accumulated, StringComparison.Ordinal);
        Assert.IsType<MessageStart>(events[0]);
        Assert.IsType<MessageStop>(events[^1]);
        var finishIndex = events.FindIndex(e => e is MessageDelta { Finish: not null });
        var usageIndex = events.FindIndex(e => e is MessageDelta { Usage: not null });
        Assert.True(finishIndex < usageIndex);
        Assert.Equal(2, events.Count(e => e is BlockStop));
    }

    [Fact]
    public async Task ReadAsync_StreamWithoutDone_EndsWithTruncationError()
    {
        byte[] body = OpenAIChatFixtureData.Load("stream-text-usage").ResponseBody;
        string text = Encoding.UTF8.GetString(body);
        byte[] truncated = Encoding.UTF8.GetBytes(text[..text.IndexOf("data: [DONE]", StringComparison.Ordinal)]);

        var events = await ReadAll(new MemoryStream(truncated));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(ErrorKind.UpstreamUnreachable, error.Error.Kind);
        Assert.Contains("closed the stream before it finished", error.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e is MessageStop);
    }

    [Fact]
    public async Task ReadAsync_ErrorChunk_YieldsStreamErrorWithUpstreamWords()
    {
        byte[] body = """
            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}

            data: {"error":{"message":"The server is overloaded","type":"server_error","param":null,"code":"overloaded"}}


            """u8.ToArray();

        var events = await ReadAll(new MemoryStream(body));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal("The server is overloaded", error.Error.Message);
        Assert.Equal("server_error", error.Error.Type);
        Assert.Equal("overloaded", error.Error.Code);
    }

    [Fact]
    public async Task ReadAsync_ReasoningDeltas_BecomeReasoningBlockBeforeText()
    {
        byte[] body = """
            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Let me"},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"reasoning":" think"},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"stop"}]}

            data: [DONE]


            """u8.ToArray();

        var events = await ReadAll(new MemoryStream(body));

        Assert.Equal(
            ["block-start 0 Reasoning   Function False", "delta 0 Reasoning Let me", "delta 0 Reasoning  think", "block-stop 0",
             "block-start 1 Text   Function False", "delta 1 Text 42", "block-stop 1", "message-delta stop ", "stop"],
            Describe(events).Skip(1));
    }

    [Fact]
    public async Task ReadAsync_LegacyFunctionCallDeltas_BecomeLegacyToolBlock()
    {
        byte[] body = """
            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"function_call":{"name":"f","arguments":""}},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"function_call":{"arguments":"{}"}},"finish_reason":null}]}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"function_call"}]}

            data: [DONE]


            """u8.ToArray();

        var events = await ReadAll(new MemoryStream(body));
        string written = Encoding.UTF8.GetString(WriteAll(events, new OpenAIChatResponseWriterOptions()));

        Assert.Contains(events, e => e is BlockStart { LegacyFunctionCall: true, ToolName: "f" });
        Assert.Contains(events, e => e is MessageDelta { Finish: { } f } && f == FinishReason.ToolCalls);
        Assert.Contains("\"function_call\":{\"name\":\"f\",\"arguments\":\"\"}", written, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"function_call\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UsageWithoutIncludeUsage_WritesNoUsageChunk()
    {
        StreamEvent[] events = [new MessageStart("id1", "m", 5), new MessageDelta(FinishReason.Stop), new MessageDelta(Usage: new Usage { InputTokens = 1, OutputTokens = 2 }), MessageStop.Instance];

        string withoutUsage = Encoding.UTF8.GetString(WriteAll(events, new OpenAIChatResponseWriterOptions()));
        string withUsage = Encoding.UTF8.GetString(WriteAll(events, new OpenAIChatResponseWriterOptions { IncludeUsage = true }));

        Assert.DoesNotContain("\"usage\"", withoutUsage, StringComparison.Ordinal);
        Assert.Contains("\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}", withUsage, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StreamError_WritesErrorFrameAndNoDone()
    {
        var error = new GatewayError(ErrorKind.UpstreamUnreachable, 502, "upstream went away");
        StreamEvent[] events = [new MessageStart("id1", "m", 5), new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "Hel"), new StreamError(error), MessageStop.Instance];

        string written = Encoding.UTF8.GetString(WriteAll(events, new OpenAIChatResponseWriterOptions()));

        Assert.EndsWith("data: {\"error\":{\"message\":\"upstream went away\",\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_unreachable\"}}\n\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ToolBlocksFromAnotherProtocol_NumbersToolCallsFromZero()
    {
        StreamEvent[] events =
        [
            new MessageStart("msg_1", "claude", 7),
            new BlockStart(0, BlockKind.Reasoning), new BlockDelta(0, DeltaKind.Signature, "sig"), new BlockStop(0),
            new BlockStart(1, BlockKind.ToolCall, "toolu_a", "get_a"), new BlockDelta(1, DeltaKind.Arguments, "{}"), new BlockStop(1),
            new BlockStart(2, BlockKind.ToolCall, "toolu_b", "get_b"), new BlockDelta(2, DeltaKind.Arguments, "{\"x\":1}"), new BlockStop(2),
            new MessageDelta(FinishReason.ToolCalls), MessageStop.Instance,
        ];

        string written = Encoding.UTF8.GetString(WriteAll(events, new OpenAIChatResponseWriterOptions { Model = "alias" }));

        Assert.Contains("\"tool_calls\":[{\"index\":0,\"id\":\"toolu_a\",\"type\":\"function\",\"function\":{\"name\":\"get_a\",\"arguments\":\"\"}}]", written, StringComparison.Ordinal);
        Assert.Contains("\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]", written, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"alias\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("sig", written, StringComparison.Ordinal);
    }

    internal static async Task<List<StreamEvent>> ReadAll(Stream stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var e in OpenAIChatStreamReader.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    private static byte[] WriteAll(IEnumerable<StreamEvent> events, OpenAIChatResponseWriterOptions options)
    {
        using var writer = new OpenAIChatStreamWriter(options);
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            writer.Write(e, output);
        }
        return output.WrittenSpan.ToArray();
    }

    private static List<string> Describe(List<StreamEvent> events) => events.ConvertAll(StreamEventText.Describe);
}
