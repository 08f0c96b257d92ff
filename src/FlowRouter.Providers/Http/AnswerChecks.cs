using FlowRouter.Core.Canonical;
using FlowRouter.Core.Sse;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Whether a 2xx is really an answer, checked inside the attempt (before the commitment point, DESIGN.md §1) so a bad
/// one fails over: a JSON body must be a well-formed object without a top-level error, and readable by the target's
/// codec when it is translated; a stream's first event must be a JSON object that is not an error frame.
/// </summary>
internal static class AnswerChecks
{
    /// <summary>The failure a 2xx JSON body is, or null with <paramref name="answer"/> read when the request has a reader.</summary>
    public static UpstreamFailure? Json(ProviderRuntime provider, UpstreamRequest request, HttpResponseMessage response, ReadOnlyMemory<byte> body, out ChatResponse? answer)
    {
        answer = null;
        int status = (int)response.StatusCode;
        switch (JsonAnswerScan.Scan(body.Span, out string? problem))
        {
            case AnswerShape.Malformed:
                return UpstreamFailureClassifier.BadAnswer(provider, $"the HTTP {status} answer is unusable: {problem}{ContentTypeNote(response)}");
            case AnswerShape.ErrorObject:
                return UpstreamFailureClassifier.FromErrorAnswer(provider, status, body.Span, response.Headers);
        }
        if (request.ReadAnswer is not { } read)
        {
            return null;
        }
        try
        {
            answer = read(body);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever the codec throws on, the upstream's answer is the cause: never a 500 for the client.
            return UpstreamFailureClassifier.BadAnswer(provider, $"the HTTP {status} answer could not be read in its own wire format: {ex.Message}");
        }
    }

    /// <summary>Names a content type that is not JSON (an HTML error page from a proxy, say), which explains a lot.</summary>
    private static string ContentTypeNote(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? $" (Content-Type {type})"
            : "";

    /// <summary>The failure a stream's first data event is (an error frame, [DONE], not a JSON object), or null.</summary>
    public static UpstreamFailure? FirstEvent(ProviderRuntime provider, UpstreamRequest request, HttpResponseMessage response, SseEvent sseEvent)
    {
        if (request.IsStreamErrorEvent?.Invoke(sseEvent.Data, sseEvent.EventType) == true)
        {
            return UpstreamFailureClassifier.FromStatus(provider, 502, sseEvent.Data.Span, response.Headers);
        }
        if (sseEvent.IsDone)
        {
            return UpstreamFailureClassifier.BadAnswer(provider, "the stream ended ([DONE]) before any content");
        }
        return JsonAnswerScan.Scan(sseEvent.Data.Span, out string? problem) switch
        {
            AnswerShape.Malformed => UpstreamFailureClassifier.BadAnswer(provider, $"the stream's first event is unusable: {problem}"),
            AnswerShape.ErrorObject => UpstreamFailureClassifier.FromStatus(provider, 502, sseEvent.Data.Span, response.Headers),
            _ => null,
        };
    }

    public static string EventTooLarge(int maxEventBytes) =>
        $"a stream event is larger than the {UpstreamLimits.Megabytes(maxEventBytes)} limit (server.max_event_mb)";
}
