using System.Text;
using FlowRouter.Core.Sse;

namespace FlowRouter.UnitTests.Core.Sse;

public sealed class SseReaderTests
{
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
