using System.Text;
using FlowRouter.Core.Sse;

namespace FlowRouter.UnitTests.Core.Sse;

public sealed class SseReaderTests
{
    [Fact]
    public async Task TryReadBuffered_EventsArrivedTogether_AreTakenWithoutAnotherRead()
    {
        using var reader = new SseReader(new MemoryStream("data: 1\n\ndata: 2\n\ndata: 3"u8.ToArray()));
        Assert.False(reader.TryReadBuffered(out _));
        var first = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal("1"u8.ToArray(), first!.Value.Data.ToArray());
        Assert.True(reader.TryReadBuffered(out var second));
        Assert.Equal("2"u8.ToArray(), second.Data.ToArray());
        Assert.False(reader.TryReadBuffered(out _));
    }

    [Fact]
    public async Task ReadAsync_MixedLineEndingsAndComments_YieldsEachEvent()
    {
        var input = "data: one\n\n: keep-alive\n\nevent: ping\r\ndata: {}\r\n\r\ndata: a\ndata: b\n\n"u8.ToArray();
        var events = await ReadAll(input);
        Assert.Equal(["one", "", "{}", "a\nb"], events.Select(e => e.Data));
        Assert.Equal([null, null, "ping", null], events.Select(e => e.Type));
    }

    [Fact]
    public async Task ReadAsync_StreamEndsMidEvent_ReportsTruncation()
    {
        using var reader = new SseReader(new MemoryStream("data: x\n\ndata: {\"partial"u8.ToArray()));
        Assert.NotNull(await reader.ReadAsync(CancellationToken.None));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
        Assert.True(reader.EndedMidEvent);
    }

    public static TheoryData<string, string> SseFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (string protocol in new[] { "openai-chat", "openai-responses", "anthropic-messages", "gemini" })
        {
            foreach (string name in FlowRouter.TestKit.Fixtures.Cases(protocol))
            {
                if (FlowRouter.TestKit.Fixtures.Load(protocol, name).IsSse)
                {
                    data.Add(protocol, name);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SseFixtures))]
    public async Task ReadAsync_FixtureSplitInTwoAtEveryOffset_YieldsSameEvents(string protocol, string name)
    {
        byte[] body = FlowRouter.TestKit.Fixtures.Load(protocol, name).ResponseBody;
        var expected = await ReadAll(body);

        foreach (int offset in FlowRouter.TestKit.SplitOffsets.For(body))
        {
            Assert.Equal(expected, await ReadAll(new FlowRouter.TestKit.SplitStream(body, offset)));
        }
    }

    [Theory]
    [MemberData(nameof(SseFixtures))]
    public async Task ReadAsync_FixtureInSmallChunks_YieldsSameEventsAndRawBytes(string protocol, string name)
    {
        byte[] body = FlowRouter.TestKit.Fixtures.Load(protocol, name).ResponseBody;
        var expected = await ReadAll(body);

        foreach (int chunkSize in new[] { 1, 2, 5, 13 })
        {
            Assert.Equal(expected, await ReadAll(body, chunkSize));
        }
        Assert.Equal(Encoding.UTF8.GetString(body).TrimEnd(), string.Concat(expected.Select(e => e.Raw)).TrimEnd());
    }

    [Fact]
    public async Task ReadAsync_CrLfSplitBetweenCrAndLf_YieldsOneEvent()
    {
        byte[] input = "data: a\r\n\r\ndata: b\r\n\r\n"u8.ToArray();

        for (int offset = 1; offset < input.Length; offset++)
        {
            var events = await ReadAll(new FlowRouter.TestKit.SplitStream(input, offset));
            Assert.Equal(["a", "b"], events.Select(e => e.Data));
        }
    }

    internal static async Task<List<(string? Type, string Data, string Raw)>> ReadAll(Stream stream)
    {
        using var reader = new SseReader(stream);
        var events = new List<(string?, string, string)>();
        while (await reader.ReadAsync(CancellationToken.None) is { } e)
        {
            events.Add((e.EventType, Encoding.UTF8.GetString(e.Data.Span), Encoding.UTF8.GetString(e.Raw.Span)));
        }
        return events;
    }

    internal static async Task<List<(string? Type, string Data, string Raw)>> ReadAll(byte[] input, int chunkSize = int.MaxValue)
    {
        using var reader = new SseReader(new FlowRouter.TestKit.ChunkedStream(input, chunkSize));
        var events = new List<(string?, string, string)>();
        while (await reader.ReadAsync(CancellationToken.None) is { } e)
        {
            events.Add((e.EventType, Encoding.UTF8.GetString(e.Data.Span), Encoding.UTF8.GetString(e.Raw.Span)));
        }
        return events;
    }
}
