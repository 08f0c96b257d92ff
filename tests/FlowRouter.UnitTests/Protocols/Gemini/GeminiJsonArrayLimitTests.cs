using System.Text;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Gemini;

namespace FlowRouter.UnitTests.Protocols.Gemini;

/// <summary>The JSON-array stream reader holds at most one chunk of bounded size.</summary>
public sealed class GeminiJsonArrayLimitTests
{
    [Fact]
    public void Append_ElementOverLimit_ThrowsFormatError()
    {
        var splitter = new GeminiJsonArrayStream(maxElementBytes: 1024);
        var elements = new List<byte[]>();
        splitter.Append("[{\"a\":1},"u8, elements);
        Assert.Single(elements);

        var thrown = Assert.Throws<GeminiFormatException>(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                splitter.Append(Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', 100)), elements);
            }
        });
        Assert.Contains("larger than", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadJsonArrayAsync_ChunkOverLimit_EndsWithStreamError()
    {
        string body = "[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + new string('x', 4096) + "\"}]}}]}]";
        var events = new List<StreamEvent>();
        await foreach (var e in GeminiStreamReader.ReadJsonArrayAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1024, CancellationToken.None))
        {
            events.Add(e);
        }
        var error = Assert.IsType<StreamError>(events[^1]);
        Assert.Equal(502, error.Error.Status);
    }
}
