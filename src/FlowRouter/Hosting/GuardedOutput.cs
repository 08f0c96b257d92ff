using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using FlowRouter.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// A connection's output with one rewrite: the answer Kestrel writes itself when it refuses a request before any
/// middleware runs — "HTTP/1.1 4xx", Content-Length: 0, Connection: close, no Content-Type, committed as one piece —
/// gets a JSON error body in the shape of the client's API (<see cref="ConnectionGuard.LastPath"/>). The application
/// never writes such a head (its errors are JSON), so nothing else is touched; every other write passes straight on.
/// </summary>
internal sealed class GuardedOutput(PipeWriter inner, ConnectionGuard guard) : PipeWriter
{
    private const int ShortestHead = 40;
    private const int LongestHead = 512;

    private Memory<byte> _memory;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _memory = inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => (_memory = inner.GetMemory(sizeHint)).Span;

    public override void Advance(int bytes)
    {
        if (bytes is >= ShortestHead and <= LongestHead && bytes <= _memory.Length && KestrelRefusal(_memory.Span[..bytes]) is { } status)
        {
            WithBody(_memory.Span[..bytes].ToArray(), status);
            return;
        }
        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    /// <summary>The status of a head only Kestrel's own refusal looks like, else null.</summary>
    private static int? KestrelRefusal(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("HTTP/1.1 4"u8) || !head.EndsWith("\r\n\r\n"u8)
            || head.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || head.IndexOf("\r\nConnection: close\r\n"u8) < 0
            || head.IndexOf("\r\nContent-Type:"u8) >= 0)
        {
            return null;
        }
        return int.TryParse(head.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status) ? status : null;
    }

    /// <summary>Writes <paramref name="head"/> again with the body's length and type, then the body.</summary>
    private void WithBody(byte[] head, int status)
    {
        byte[] body = Endpoints.MalformedRequestGuard.ErrorBody(guard.LastPath ?? "/", Refusal(status));
        int lengthAt = head.AsSpan().IndexOf("\r\nContent-Length: 0\r\n"u8) + 2;
        string headers = string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nContent-Type: application/json\r\n");
        // The refused head sits uncommitted in the buffer just handed out: writing starts over it.
        inner.Write(head.AsSpan(0, lengthAt));
        inner.Write(Encoding.ASCII.GetBytes(headers));
        inner.Write(head.AsSpan(lengthAt + "Content-Length: 0\r\n".Length));
        inner.Write(body);
    }

    private static GatewayError Refusal(int status) => new(ErrorKind.InvalidRequest, status, status switch
    {
        StatusCodes.Status408RequestTimeout => "The request headers did not arrive in time.",
        StatusCodes.Status413PayloadTooLarge => "The request is larger than the server accepts.",
        StatusCodes.Status414UriTooLong => "The request line is longer than the server accepts (8 KB): shorten the URL.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are larger than the server accepts (32 KB in all, or too many).",
        _ => "FlowRouter could not read the request: its request line or headers are malformed HTTP.",
    });
}
