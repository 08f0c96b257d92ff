using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FlowRouter.Core.Buffers;
using FlowRouter.Core.Config;
using FlowRouter.Core.Sse;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Sends one attempt to one provider and brings back either an open call (headers received and, for streams, the
/// first real event read) or a classified failure. Nothing here writes to the client, so a failure is still
/// invisible to it and the attempt loop may try the next target.
/// </summary>
public sealed class UpstreamExecutor(TimeProvider time, UpstreamLimits? limits = null)
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly UpstreamLimits _limits = limits ?? UpstreamLimits.Default;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("FlowRouter", typeof(UpstreamExecutor).Assembly.GetName().Version?.ToString(3) ?? "0");
    private static readonly MediaTypeWithQualityHeaderValue AcceptSse = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    /// <summary>
    /// One attempt with <paramref name="apiKey"/> (null: the provider's next key in turn) under
    /// <paramref name="timeouts"/> (null: the provider's own; a combo may set its own).
    /// </summary>
    public async ValueTask<AttemptResult> SendAsync(
        ProviderRuntime provider, UpstreamRequest request, CancellationToken clientAborted, string? apiKey = null, TimeoutSettings? timeouts = null)
    {
        var limits = timeouts ?? provider.Timeouts;
        var deadline = new AttemptDeadline(time, limits.Total, clientAborted) { IdleLimit = limits.Idle, ConnectLimit = limits.Connect };
        HttpResponseMessage? response = null;
        try
        {
            deadline.Arm("first-byte", limits.FirstByte);
            using var message = BuildMessage(provider, request, apiKey);
            message.Options.Set(UpstreamHandlerFactory.ConnectLimit, limits.Connect);
            response = await provider.Http.SendAsync(message, deadline.Token).ConfigureAwait(false);
            var rateLimit = RateLimitHeaders.Parse(response.Headers, time.GetUtcNow());
            var result = (int)response.StatusCode is >= 200 and < 300
                ? await OpenSuccessAsync(provider, request, response, deadline).ConfigureAwait(false)
                : await ReadFailureAsync(provider, response, deadline).ConfigureAwait(false);
            result = WithRateLimit(result, rateLimit);
            if (result.Failure is not null)
            {
                response.Dispose();
                deadline.Dispose();
            }
            return result;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or InvalidDataException)
        {
            response?.Dispose();
            var failure = FailureFor(provider, ex, deadline);
            deadline.Dispose();
            return AttemptResult.Failed(failure);
        }
    }

    private static AttemptResult WithRateLimit(AttemptResult result, RateLimitSnapshot? rateLimit)
    {
        if (rateLimit is null)
        {
            return result;
        }
        if (result.Call is { } call)
        {
            call.RateLimit = rateLimit;
            return result;
        }
        return AttemptResult.Failed(result.Failure! with { RateLimit = rateLimit });
    }

    private static HttpRequestMessage BuildMessage(ProviderRuntime provider, UpstreamRequest request, string? apiKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, provider.Endpoint(request.RelativePath))
        {
            // HTTP/2 where the provider offers it over TLS; plain http:// stays on HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new ReadOnlyMemoryContent(request.Body),
        };
        message.Content.Headers.ContentType = JsonContentType;
        var headers = message.Headers;
        headers.UserAgent.Add(UserAgent);
        headers.Accept.Add(request.Stream ? AcceptSse : AcceptJson);
        foreach (var header in provider.Config.Headers)
        {
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (request.Headers is not null)
        {
            foreach (var header in request.Headers)
            {
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        ProviderAuth.Apply(message, provider.Type, apiKey ?? provider.NextApiKey());
        return message;
    }

    private async ValueTask<AttemptResult> OpenSuccessAsync(ProviderRuntime provider, UpstreamRequest request, HttpResponseMessage response, AttemptDeadline deadline) =>
        !request.Stream || !IsEventStream(response)
            ? await OpenJsonAsync(provider, request, response, deadline).ConfigureAwait(false)
            : await OpenStreamAsync(provider, request, response, deadline).ConfigureAwait(false);

    /// <summary>
    /// Reads a whole JSON answer (bounded by server.max_answer_mb) and checks it before anything is committed: a 2xx
    /// that is not a JSON object, or is an error object, or that the target's codec cannot read, is a failure of
    /// this target like a 5xx, so the next one is tried.
    /// </summary>
    private async ValueTask<AttemptResult> OpenJsonAsync(ProviderRuntime provider, UpstreamRequest request, HttpResponseMessage response, AttemptDeadline deadline)
    {
        var (body, length) = await UpstreamBody.ReadAsync(response, _limits.MaxAnswerBytes, deadline).ConfigureAwait(false);
        if (body is null)
        {
            return AttemptResult.Failed(UpstreamFailureClassifier.BadAnswer(provider,
                $"the answer is larger than the {UpstreamLimits.Megabytes(_limits.MaxAnswerBytes)} limit (server.max_answer_mb)"));
        }
        var failure = AnswerChecks.Json(provider, request, response, body.AsMemory(0, length), out var answer);
        if (failure is not null)
        {
            ByteBuffers.Return(body);
            return AttemptResult.Failed(failure);
        }
        return AttemptResult.Success(new UpstreamCall(provider, response, deadline, body, length) { Answer = answer });
    }

    /// <summary>
    /// Reads up to the first real event (the commitment point): an error frame, an event that is not a JSON object,
    /// or one over server.max_event_mb before it is a failure of this target, so the next one is tried.
    /// </summary>
    private async ValueTask<AttemptResult> OpenStreamAsync(ProviderRuntime provider, UpstreamRequest request, HttpResponseMessage response, AttemptDeadline deadline)
    {
        var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
        var events = new SseReader(stream, _limits.MaxEventBytes);
        try
        {
            while (true)
            {
                var first = await events.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (first is not { } sseEvent)
                {
                    bool cut = events.EndedMidEvent;
                    events.Dispose();
                    return AttemptResult.Failed(UpstreamFailureClassifier.Unreachable(provider,
                        cut ? "the stream was cut before its first event" : "the stream ended without any event"));
                }
                if (!sseEvent.HasData)
                {
                    continue; // comments and keep-alives are not the answer starting
                }
                if (AnswerChecks.FirstEvent(provider, request, response, sseEvent) is { } failure)
                {
                    events.Dispose();
                    return AttemptResult.Failed(failure);
                }
                return AttemptResult.Success(new UpstreamCall(provider, response, deadline, stream, events, sseEvent));
            }
        }
        catch (SseEventTooLargeException)
        {
            events.Dispose();
            return AttemptResult.Failed(UpstreamFailureClassifier.BadAnswer(provider, AnswerChecks.EventTooLarge(_limits.MaxEventBytes)));
        }
        catch
        {
            events.Dispose();
            throw;
        }
    }

    private static bool IsEventStream(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    private static async ValueTask<AttemptResult> ReadFailureAsync(ProviderRuntime provider, HttpResponseMessage response, AttemptDeadline deadline)
    {
        var (body, length) = await UpstreamBody.ReadAsync(response, MaxErrorBodyBytes, deadline, truncate: true).ConfigureAwait(false);
        try
        {
            return AttemptResult.Failed(UpstreamFailureClassifier.FromStatus(provider, (int)response.StatusCode, body.AsSpan(0, length), response.Headers));
        }
        finally
        {
            if (body is not null)
            {
                ByteBuffers.Return(body);
            }
        }
    }

    internal static UpstreamFailure FailureFor(ProviderRuntime provider, Exception ex, AttemptDeadline deadline)
    {
        if (deadline.ClientGone)
        {
            return UpstreamFailureClassifier.ClientGone;
        }
        if (ex is OperationCanceledException)
        {
            return deadline.Token.IsCancellationRequested
                ? UpstreamFailureClassifier.TimedOut(provider, deadline.Phase, deadline.PhaseLimit)
                : UpstreamFailureClassifier.TimedOut(provider, "connect", deadline.ConnectLimit);
        }
        if (FindInner<TimeoutException>(ex) is not null)
        {
            return UpstreamFailureClassifier.TimedOut(provider, "connect", deadline.ConnectLimit); // from the per-request connect limit
        }
        return UpstreamFailureClassifier.Unreachable(provider, Describe(ex));
    }

    private static string Describe(Exception ex)
    {
        var socket = FindInner<SocketException>(ex);
        if (socket is not null)
        {
            return $"network error ({socket.SocketErrorCode}): {socket.Message}";
        }
        return ex switch
        {
            SseEventTooLargeException tooLarge => AnswerChecks.EventTooLarge(tooLarge.MaxEventBytes),
            InvalidDataException => ex.Message,
            _ => $"network error: {(ex.InnerException ?? ex).Message}",
        };
    }

    private static T? FindInner<T>(Exception ex) where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }
        return null;
    }
}
