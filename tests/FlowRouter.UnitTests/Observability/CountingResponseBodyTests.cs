using System.IO.Pipelines;
using FlowRouter.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowRouter.UnitTests.Observability;

/// <summary>
/// The hook that journals a request's usage: it must run before the bytes that complete a Content-Length answer reach
/// the server's writer (after them the client may already have everything), exactly once, and never for chunked answers.
/// </summary>
public sealed class CountingResponseBodyTests
{
    private sealed class Probe
    {
        public List<(long Bytes, long SentBefore)> Calls { get; } = [];
    }

    private static (DefaultHttpContext Http, MemoryStream Sent, CountingResponseBody Body, Probe Probe) Setup(long? contentLength)
    {
        var http = new DefaultHttpContext();
        var sent = new MemoryStream();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(sent));
        http.Response.ContentLength = contentLength;
        var probe = new Probe();
        var body = CountingResponseBody.Install(http, static (state, bytes) =>
        {
            var (p, stream) = ((Probe, MemoryStream))state;
            p.Calls.Add((bytes, stream.Length));
        }, (probe, sent));
        return (http, sent, body, probe);
    }

    [Fact]
    public async Task WriteAsync_ReachesContentLength_HookRunsOnceBeforeTheLastBytesGoOut()
    {
        var (http, sent, body, probe) = Setup(contentLength: 15);
        await http.Response.BodyWriter.WriteAsync(new byte[10]);
        Assert.Empty(probe.Calls);
        await http.Response.BodyWriter.WriteAsync(new byte[5]);

        Assert.Equal([(15L, 10L)], probe.Calls);
        Assert.Equal(15, sent.Length);
        Assert.True(body.Completed);
        Assert.Equal(15, body.Bytes);
    }

    [Fact]
    public async Task Advance_WholeAnswerInOneBuffer_HookRunsBeforeAnyByteGoesOut()
    {
        var (http, sent, body, probe) = Setup(contentLength: 4);
        var writer = http.Response.BodyWriter;
        "abcd"u8.CopyTo(writer.GetSpan(4));
        writer.Advance(4);
        await writer.FlushAsync();

        Assert.Equal([(4L, 0L)], probe.Calls);
        Assert.Equal("abcd"u8.ToArray(), sent.ToArray());
        Assert.True(body.Completed);
    }

    [Fact]
    public async Task WriteAsync_NoContentLength_HookNeverRuns()
    {
        var (http, _, body, probe) = Setup(contentLength: null);
        await http.Response.BodyWriter.WriteAsync(new byte[100]);
        await http.Response.BodyWriter.WriteAsync(new byte[100]);

        Assert.Empty(probe.Calls);
        Assert.False(body.Completed);
        Assert.Equal(200, body.Bytes);
    }
}
