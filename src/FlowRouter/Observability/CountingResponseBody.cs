using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowRouter.Observability;

/// <summary>
/// Counts the response body bytes a gateway endpoint writes, for the request log. It wraps the response's
/// <see cref="PipeWriter"/> (every gateway write goes through <c>Response.BodyWriter</c>) and forwards everything
/// else; writes through <c>Response.Body</c> pass uncounted.
/// </summary>
internal sealed class CountingResponseBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    private readonly CountingPipeWriter _writer = new(inner.Writer);

    public long Bytes => _writer.Bytes;

    public Stream Stream => inner.Stream;
    public PipeWriter Writer => _writer;

    public static CountingResponseBody Install(HttpContext http)
    {
        var counting = new CountingResponseBody(http.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        http.Features.Set<IHttpResponseBodyFeature>(counting);
        return counting;
    }

    public void DisableBuffering() => inner.DisableBuffering();
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken);
    public Task CompleteAsync() => inner.CompleteAsync();

    private sealed class CountingPipeWriter(PipeWriter inner) : PipeWriter
    {
        private long _bytes;

        public long Bytes => Volatile.Read(ref _bytes);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void Advance(int bytes)
        {
            _bytes += bytes;
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);
        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
        public override void CancelPendingFlush() => inner.CancelPendingFlush();
        public override void Complete(Exception? exception = null) => inner.Complete(exception);
        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            _bytes += source.Length;
            return inner.WriteAsync(source, cancellationToken);
        }
    }
}
