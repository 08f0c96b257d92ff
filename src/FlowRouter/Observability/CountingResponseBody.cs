using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowRouter.Observability;

/// <summary>
/// Counts the response body bytes a gateway endpoint writes, for the request log. It wraps the response's
/// <see cref="PipeWriter"/> (every gateway write goes through <c>Response.BodyWriter</c>) and forwards everything
/// else; writes through <c>Response.Body</c> pass uncounted.
/// <para>
/// It also calls a hook just before the write that completes a response with a Content-Length: once those bytes
/// leave, the client has the whole answer, possibly before the endpoint returns, so anything that must be on record
/// by the time the client has its answer (the usage journal) is written there. Chunked responses complete after
/// the endpoint returns (Kestrel writes the last chunk), so they need no hook.
/// </para>
/// </summary>
internal sealed class CountingResponseBody(IHttpResponseBodyFeature inner, HttpResponse response, Action<object, long>? beforeLastWrite, object? state)
    : IHttpResponseBodyFeature
{
    private readonly CountingPipeWriter _writer = new(inner.Writer, response, beforeLastWrite, state);

    public long Bytes => _writer.Bytes;

    /// <summary>True once the hook has run (the response's last byte was about to be written).</summary>
    public bool Completed => _writer.HookRan;

    public Stream Stream => inner.Stream;
    public PipeWriter Writer => _writer;

    /// <param name="beforeLastWrite">Called once with (<paramref name="state"/>, total body bytes) before the write that
    /// reaches the Content-Length; a static or cached delegate, so installing allocates nothing more per request.</param>
    public static CountingResponseBody Install(HttpContext http, Action<object, long>? beforeLastWrite = null, object? state = null)
    {
        var counting = new CountingResponseBody(http.Features.GetRequiredFeature<IHttpResponseBodyFeature>(), http.Response, beforeLastWrite, state);
        http.Features.Set<IHttpResponseBodyFeature>(counting);
        return counting;
    }

    public void DisableBuffering() => inner.DisableBuffering();
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken);
    public Task CompleteAsync() => inner.CompleteAsync();

    private sealed class CountingPipeWriter(PipeWriter inner, HttpResponse response, Action<object, long>? hook, object? state) : PipeWriter
    {
        private long _bytes;
        private Action<object, long>? _hook = hook;

        public long Bytes => Volatile.Read(ref _bytes);
        public bool HookRan { get; private set; }

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void Advance(int bytes)
        {
            BeforeWrite(bytes);
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
            BeforeWrite(source.Length);
            _bytes += source.Length;
            return inner.WriteAsync(source, cancellationToken);
        }

        /// <summary>Runs the hook when these bytes reach the declared Content-Length (checked only until it has run).</summary>
        private void BeforeWrite(int bytes)
        {
            if (_hook is { } hook && response.ContentLength is { } length && _bytes + bytes >= length)
            {
                _hook = null;
                HookRan = true;
                hook(state!, _bytes + bytes);
            }
        }
    }
}
