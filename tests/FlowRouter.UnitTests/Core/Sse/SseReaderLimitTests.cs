using System.Text;
using FlowRouter.Core.Sse;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Core.Sse;

/// <summary>One event may not grow the reader's buffer past its limit, however the bytes arrive.</summary>
public sealed class SseReaderLimitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task ReadAsync_EventOverLimit_ThrowsNamingTheLimit(int chunkSize)
    {
        const int limit = 64 * 1024;
        byte[] input = Encoding.UTF8.GetBytes("data: small\n\ndata: " + new string('x', limit * 2) + "\n\n");
        using var reader = new SseReader(new ChunkedStream(input, chunkSize), limit);

        Assert.Equal("small"u8.ToArray(), (await reader.ReadAsync(CancellationToken.None))!.Value.Data.ToArray());
        var thrown = await Assert.ThrowsAsync<SseEventTooLargeException>(async () => await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(limit, thrown.MaxEventBytes);
    }

    [Fact]
    public async Task ReadAsync_ManyEventsTogetherLargerThanTheLimit_AllRead()
    {
        const int limit = 64 * 1024;
        var text = new StringBuilder();
        for (int i = 0; i < 100; i++)
        {
            text.Append("data: ").Append(new string('y', 2000)).Append("\n\n");
        }
        using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), limit);

        int count = 0;
        while (await reader.ReadAsync(CancellationToken.None) is not null)
        {
            count++;
        }
        Assert.Equal(100, count);
    }
}
