using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FlowRouter.Hosting;

namespace FlowRouter.UnitTests.Hosting;

public sealed class KestrelGuardTests
{
    [Theory]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello", true)]
    [InlineData("POST / HTTP/1.1\r\ncontent-length:\t-0\r\n\r\n", true)]
    [InlineData("POST / HTTP/1.1\r\nCONTENT-LENGTH:  +12\r\n\r\n", true)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", false)]
    [InlineData("POST / HTTP/1.1\r\nX-Content-Length: +5\r\nContent-Length: 2\r\n\r\n{}", false)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 31\r\n\r\n{\"a\":\"Content-Length: +5 is odd\"}", false)]
    public async Task Input_SignedContentLength_FlaggedWhereverTheReadsSplitIt(string wire, bool flagged)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(wire);
        for (int split = 0; split <= bytes.Length; split++)
        {
            var guard = new ConnectionGuard();
            var pipe = new Pipe();
            var input = new GuardedInput(pipe.Reader, guard);
            await pipe.Writer.WriteAsync(bytes.AsMemory(0, split));
            await ReadAllAsync(input, consumeLines: true);
            await pipe.Writer.WriteAsync(bytes.AsMemory(split));
            await pipe.Writer.CompleteAsync();
            await ReadAllAsync(input, consumeLines: false);
            Assert.True(flagged == guard.TakeLenientContentLength(), $"split at {split}");
        }
    }

    [Fact]
    public async Task Input_FirstRequestLine_GivesThePathForErrorShapes()
    {
        var guard = new ConnectionGuard();
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("POST /v1/messages?beta=true HTTP/1.1\r\n"u8.ToArray());
        await ReadAllAsync(new GuardedInput(pipe.Reader, guard), consumeLines: true);
        Assert.Equal("/v1/messages", guard.LastPath);
    }

    [Fact]
    public async Task Output_KestrelsBodilessRefusal_GetsAJsonBodyInTheClientsShape()
    {
        var guard = new ConnectionGuard { LastPath = "/v1/messages" };
        string written = await WriteThroughAsync(guard, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Tue, 01 Dec 2026 00:00:00 GMT\r\n\r\n");
        int split = written.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string body = written[(split + 4)..];
        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\nContent-Type: application/json\r\nConnection: close\r\n", written, StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nDate: Tue, 01 Dec 2026 00:00:00 GMT\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\nDate: Tue, 01 Dec 2026 00:00:00 GMT\r\n\r\n")]
    public async Task Output_AnyOtherHead_PassesUnchanged(string head) =>
        Assert.Equal(head, await WriteThroughAsync(new ConnectionGuard(), head));

    private static async Task<string> WriteThroughAsync(ConnectionGuard guard, string head)
    {
        var pipe = new Pipe();
        var output = new GuardedOutput(pipe.Writer, guard);
        byte[] bytes = Encoding.ASCII.GetBytes(head);
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
        await output.FlushAsync();
        await output.CompleteAsync();
        var result = await pipe.Reader.ReadAsync();
        while (!result.IsCompleted)
        {
            pipe.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await pipe.Reader.ReadAsync();
        }
        return Encoding.UTF8.GetString(result.Buffer.ToArray());
    }

    /// <summary>Reads what is there; like Kestrel's parser, consumes only whole lines when asked (a partial line stays).</summary>
    private static async Task ReadAllAsync(PipeReader input, bool consumeLines)
    {
        if (!input.TryRead(out var result))
        {
            return;
        }
        var buffer = result.Buffer;
        var consumed = buffer.Start;
        if (consumeLines && buffer.PositionOf((byte)'\n') is not null)
        {
            var reader = new SequenceReader<byte>(buffer);
            while (reader.TryAdvanceTo((byte)'\n'))
            {
                consumed = reader.Position;
            }
        }
        else if (!consumeLines)
        {
            consumed = buffer.End;
        }
        input.AdvanceTo(consumed, buffer.End);
        await Task.CompletedTask;
    }
}
