using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Gemini;
using FlowRouter.TestKit;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiStreamTests
{
    [Theory]
    [MemberData(nameof(GeminiFixtureData.SseCases), MemberType = typeof(GeminiFixtureData))]
    public async Task ReadAsync_SseFixtureSplitAtEveryOffset_GivesSameEvents(string name)
    {
        byte[] body = GeminiFixtureData.Load(name).ResponseBody;
        var expected = Describe(await ReadAll(new MemoryStream(body)));

        Assert.IsType<MessageStop>((await ReadAll(new MemoryStream(body)))[^1]);
        foreach (int offset in FlowRouter.TestKit.SplitOffsets.For(body))
        {
            Assert.Equal(expected, Describe(await ReadAll(new SplitStream(body, offset))));
        }
        foreach (int chunkSize in new[] { 1, 2, 3, 7, 64 })
        {
            Assert.Equal(expected, Describe(await ReadAll(new ChunkedStream(body, chunkSize))));
        }
    }

    [Fact]
    public async Task ReadJsonArrayAsync_FixtureSplitAtEveryOffset_GivesSameEvents()
    {
        byte[] body = GeminiFixtureData.Load("stream-json-array-function-call").ResponseBody;
        var expected = Describe(await ReadArray(new MemoryStream(body)));

        Assert.IsType<MessageStop>((await ReadArray(new MemoryStream(body)))[^1]);
        foreach (int offset in FlowRouter.TestKit.SplitOffsets.For(body))
        {
            Assert.Equal(expected, Describe(await ReadArray(new SplitStream(body, offset))));
        }
        foreach (int chunkSize in new[] { 1, 2, 3, 7, 64 })
        {
            Assert.Equal(expected, Describe(await ReadArray(new ChunkedStream(body, chunkSize))));
        }
    }

    [Fact]
    public void JsonArrayStream_SplitAtEveryOffset_GivesTheSameElements()
    {
        byte[] body = GeminiFixtureData.Load("stream-json-array-function-call").ResponseBody;
        var whole = Split(body, [body.Length]);

        Assert.Equal(2, whole.Count);
        using (var document = JsonDocument.Parse(body))
        {
            for (int i = 0; i < whole.Count; i++)
            {
                JsonAssert.Equal(document.RootElement[i].GetRawText(), Encoding.UTF8.GetString(whole[i]));
            }
        }
        foreach (int offset in FlowRouter.TestKit.SplitOffsets.For(body))
        {
            var split = Split(body, [offset, body.Length]);
            Assert.Equal(whole.Select(Convert.ToBase64String), split.Select(Convert.ToBase64String));
        }
    }

    [Fact]
    public void JsonArrayStream_StringsWithBracketsAndEscapes_DoNotEndElements()
    {
        byte[] body = """[{"a":"}]\"{[","b":[1,{"c":"\\"}]},{"d":"x"}]"""u8.ToArray();

        var elements = Split(body, Enumerable.Range(1, body.Length).ToArray());

        Assert.Equal(["""{"a":"}]\"{[","b":[1,{"c":"\\"}]}""", """{"d":"x"}"""], elements.Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void JsonArrayStream_NotAnArray_Throws()
    {
        var splitter = new GeminiJsonArrayStream();

        var error = Assert.Throws<GeminiFormatException>(() => splitter.Append("x"u8, []));

        Assert.Contains("not a JSON array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeChunk_MultiTurnChunksFixture_AccumulatesTheAnswer()
    {
        byte[] body = GeminiFixtureData.Load("multi-turn-stream-chunks").ResponseBody;
        using var document = JsonDocument.Parse(body);
        var decoder = new GeminiStreamDecoder();
        var events = new List<StreamEvent>();
        bool finished = false;
        foreach (var chunk in document.RootElement.EnumerateArray())
        {
            Assert.False(finished);
            finished = decoder.DecodeChunk(Encoding.UTF8.GetBytes(chunk.GetRawText()), events);
        }

        Assert.True(finished);
        string accumulated = StreamEventText.Accumulate(events);
        Assert.StartsWith("text=a + b = 5 + 10 = 15\n\nTherefore, the value of a+b is **15**.\n\n", accumulated, StringComparison.Ordinal);
        Assert.Contains("finish=stop\nusage=in=16 out=29 cached= reasoning= candidatesTokensDetails=", accumulated, StringComparison.Ordinal);
        Assert.Contains("end=done", accumulated, StringComparison.Ordinal);
        Assert.Single(events.OfType<BlockStart>());
    }

    [Fact]
    public async Task ReadAsync_FunctionCallWithSignature_IsOneWholeToolBlock()
    {
        var events = await ReadAll(new MemoryStream(GeminiFixtureData.Load("function-call-stream-thought-signature").ResponseBody));

        Assert.Equal(
            ["start QUVVadTSNJ6_qtsPvN7J8Q0 gemini-3-pro-preview  ", "block-start 0 ToolCall gcall_QUVVadTSNJ6_qtsPvN7J8Q0_0 get_country Function False", "delta 0 Signature", "delta 0 Arguments {}", "block-stop 0", "message-delta tool_calls in=29 out=212 cached= reasoning=202", "stop"],
            events.Select(e => e switch
            {
                BlockDelta { Kind: DeltaKind.Signature } d => $"delta {d.Index} Signature",
                MessageDelta m => StreamEventText.Describe(m with { Usage = m.Usage! with { Extensions = null } }).TrimEnd(),
                _ => StreamEventText.Describe(e),
            }));
        Assert.StartsWith("EpwICpkIAXLI2nxlU6gs", events.OfType<BlockDelta>().First().Fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ThinkingStream_ReasoningBlockThenTextBlockWithSignature()
    {
        var events = await ReadAll(new MemoryStream(GeminiFixtureData.Load("thinking-stream").ResponseBody));

        var starts = events.OfType<BlockStart>().ToList();
        Assert.Equal([BlockKind.Reasoning, BlockKind.Text], starts.Select(s => s.Kind));
        Assert.Equal(4, events.OfType<BlockDelta>().Count(d => d.Kind == DeltaKind.Reasoning));
        var signature = Assert.Single(events.OfType<BlockDelta>(), d => d.Kind == DeltaKind.Signature);
        Assert.Equal(1, signature.Index);
        Assert.Contains("finish=stop\nusage=in=34 out=1256 cached= reasoning=787", StreamEventText.Accumulate(events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StreamWithoutFinishReason_EndsWithTruncationError()
    {
        string text = Encoding.UTF8.GetString(GeminiFixtureData.Load("stream-text").ResponseBody);
        byte[] truncated = Encoding.UTF8.GetBytes(text[..text.LastIndexOf("data: ", StringComparison.Ordinal)]);

        var events = await ReadAll(new MemoryStream(truncated));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(ErrorKind.UpstreamUnreachable, error.Error.Kind);
        Assert.DoesNotContain(events, e => e is MessageStop);
    }

    [Fact]
    public async Task ReadJsonArrayAsync_ArrayCutBeforeItsEnd_EndsWithTruncationError()
    {
        byte[] body = GeminiFixtureData.Load("stream-json-array-function-call").ResponseBody;

        var events = await ReadArray(new MemoryStream(body[..(body.Length / 2)]));

        Assert.IsType<StreamError>(events[^1]);
        Assert.DoesNotContain(events, e => e is MessageStop);
    }

    [Fact]
    public async Task ReadAsync_ErrorChunk_YieldsStreamErrorWithGeminiWords()
    {
        byte[] body = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"}}]}\r\n\r\ndata: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n"u8.ToArray();

        var events = await ReadAll(new MemoryStream(body));

        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(ErrorKind.Overloaded, error.Error.Kind);
        Assert.Equal(503, error.Error.Status);
        Assert.Equal("UNAVAILABLE", error.Error.Type);
        Assert.IsType<BlockStop>(events[^2]);
    }

    [Fact]
    public async Task ReadAsync_PromptBlocked_EndsWithContentFilter()
    {
        byte[] body = "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}\r\n\r\n"u8.ToArray();

        var events = await ReadAll(new MemoryStream(body));

        Assert.Equal(FinishReason.ContentFilter, Assert.IsType<MessageDelta>(events[^2]).Finish);
        Assert.IsType<MessageStop>(events[^1]);
    }

    internal static async Task<List<StreamEvent>> ReadAll(Stream stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var e in GeminiStreamReader.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    internal static async Task<List<StreamEvent>> ReadArray(Stream stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var e in GeminiStreamReader.ReadJsonArrayAsync(stream, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    /// <summary>Feeds the body to a splitter in pieces ending at each of <paramref name="ends"/>.</summary>
    private static List<byte[]> Split(byte[] body, int[] ends)
    {
        var splitter = new GeminiJsonArrayStream();
        var elements = new List<byte[]>();
        int start = 0;
        foreach (int end in ends)
        {
            splitter.Append(body.AsSpan(start, end - start), elements);
            start = end;
        }
        Assert.True(splitter.IsComplete);
        return elements;
    }

    internal static byte[] WriteAll(IEnumerable<StreamEvent> events, GeminiResponseWriterOptions? options = null, GeminiStreamFormat format = GeminiStreamFormat.Sse)
    {
        using var writer = new GeminiStreamWriter(options, format);
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            writer.Write(e, output);
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The shared accumulation plus the signatures, which Gemini carries.</summary>
    internal static string Accumulate(IEnumerable<StreamEvent> events)
    {
        var list = events.ToList();
        string signatures = string.Join("|", list.OfType<BlockDelta>().Where(d => d.Kind == DeltaKind.Signature).Select(d => d.Fragment));
        return StreamEventText.Accumulate(list) + $"signatures={signatures}\n";
    }

    private static List<string> Describe(List<StreamEvent> events) => events.ConvertAll(StreamEventText.Describe);
}
