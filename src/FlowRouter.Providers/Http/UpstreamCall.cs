using System.Net.Http.Headers;
using FlowRouter.Core.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Sse;

namespace FlowRouter.Providers.Http;

/// <summary>
/// A successful upstream answer that has not been relayed yet. For a stream, the first real event has been read
/// (the commitment point: nothing reached the client before it); later events are read one at a time under the
/// idle and total limits. For a JSON answer, the whole body is here. Dispose to release the connection.
/// </summary>
public sealed class UpstreamCall : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly AttemptDeadline _deadline;
    private readonly SseReader? _events;
    private readonly Stream? _bodyStream;
    private byte[]? _body;
    private readonly int _bodyLength;

    internal UpstreamCall(ProviderRuntime provider, HttpResponseMessage response, AttemptDeadline deadline, Stream? bodyStream, SseReader? events, SseEvent? firstEvent)
    {
        Provider = provider;
        _response = response;
        _deadline = deadline;
        _bodyStream = bodyStream;
        _events = events;
        FirstEvent = firstEvent;
        TimeToFirstEvent = deadline.Elapsed;
    }

    internal UpstreamCall(ProviderRuntime provider, HttpResponseMessage response, AttemptDeadline deadline, byte[] body, int bodyLength)
        : this(provider, response, deadline, null, null, null)
    {
        _body = body;
        _bodyLength = bodyLength;
    }

    public ProviderRuntime Provider { get; }
    public int Status => (int)_response.StatusCode;
    public HttpResponseHeaders Headers => _response.Headers;
    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    /// <summary>For streams: the first real event, already read. Valid until the next <see cref="ReadEventAsync"/>.</summary>
    public SseEvent? FirstEvent { get; }

    /// <summary>From sending the request to the first event (streams) or the whole body (JSON).</summary>
    public TimeSpan TimeToFirstEvent { get; }

    /// <summary>The key's rate-limit figures from the answer's headers, when it sent any.</summary>
    public RateLimitSnapshot? RateLimit { get; internal set; }

    /// <summary>For a translated JSON answer: the canonical answer the attempt read (<see cref="UpstreamRequest.ReadAnswer"/>).</summary>
    public ChatResponse? Answer { get; internal set; }

    /// <summary>For JSON answers: the whole body.</summary>
    public ReadOnlyMemory<byte> Body => _body is null ? ReadOnlyMemory<byte>.Empty : _body.AsMemory(0, _bodyLength);

    /// <summary>Reads the next upstream event under the idle limit; faults become failures, never exceptions.</summary>
    public async ValueTask<StreamRead> ReadEventAsync()
    {
        if (_events is null)
        {
            return StreamRead.End;
        }
        _deadline.Arm("idle", _deadline.IdleLimit);
        try
        {
            var next = await _events.ReadAsync(_deadline.Token).ConfigureAwait(false);
            if (next is { } sseEvent)
            {
                return StreamRead.Of(sseEvent);
            }
            return StreamRead.End;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or InvalidDataException)
        {
            return StreamRead.Fail(UpstreamExecutor.FailureFor(Provider, ex, _deadline));
        }
    }

    /// <summary>The next event when it has already arrived (no I/O, no timer); false when a read would have to wait.</summary>
    public bool TryReadBufferedEvent(out SseEvent sseEvent)
    {
        sseEvent = default;
        return _events is not null && _events.TryReadBuffered(out sseEvent);
    }

    /// <summary>True when the stream ended with bytes of an unfinished event: the upstream cut it mid-answer.</summary>
    public bool EndedMidEvent => _events?.EndedMidEvent ?? false;

    public async ValueTask DisposeAsync()
    {
        _events?.Dispose();
        if (_bodyStream is not null)
        {
            await _bodyStream.DisposeAsync().ConfigureAwait(false);
        }
        _response.Dispose();
        _deadline.Dispose();
        if (_body is not null)
        {
            ByteBuffers.Return(_body);
            _body = null;
        }
    }
}
