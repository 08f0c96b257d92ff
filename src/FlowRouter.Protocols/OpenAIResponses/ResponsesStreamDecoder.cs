using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// A Responses SSE stream → canonical events, one event at a time (see <see cref="ResponsesStreamParser"/> for the
/// mapping). The stream is over at response.completed / response.incomplete (a clean stop) or response.failed /
/// error (a <see cref="StreamError"/>); a body that ends before either is reported by <see cref="Truncated"/> as an
/// error, never as a clean stop.
/// </summary>
public sealed class ResponsesStreamDecoder : IStreamDecoder
{
    private readonly ResponsesStreamParser _parser = new();

    public bool Decode(in SseEvent sseEvent, List<StreamEvent> output)
    {
        if (!sseEvent.HasData || sseEvent.IsDone)
        {
            return false; // comments, keep-alives, and the [DONE] some compatible servers add after the terminal event
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(sseEvent.Data);
        }
        catch (JsonException)
        {
            output.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream sent a malformed stream event.")));
            return true;
        }
        using (document)
        {
            return _parser.Apply(document.RootElement, sseEvent.EventType, output);
        }
    }

    public void Truncated(List<StreamEvent> output) =>
        output.Add(new StreamError(new GatewayError(
            ErrorKind.UpstreamUnreachable, 502, "The upstream closed the stream before it finished (no response.completed received).")));

    /// <summary>Reads a whole Responses SSE body as canonical events as it arrives (tests, tools).</summary>
    public static IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, CancellationToken cancellationToken) =>
        StreamDecoding.ReadAsync(stream, new ResponsesStreamDecoder(), cancellationToken);
}
