using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Gemini stream chunks → canonical events (see <see cref="GeminiChunkParser"/> for the mapping). Feed it SSE events
/// from streamGenerateContent?alt=sse through <see cref="Decode"/>, or the element payloads of the JSON-array body
/// (no alt=sse, split by <see cref="GeminiJsonArrayStream"/>) through <see cref="DecodeChunk"/>: the logic is the same.
/// A stream that ends before a finishReason is reported through <see cref="Truncated"/>, never as a clean stop.
/// </summary>
public sealed class GeminiStreamDecoder : IStreamDecoder
{
    private readonly GeminiChunkParser _parser = new();

    public bool Decode(in SseEvent sseEvent, List<StreamEvent> output) =>
        sseEvent.HasData && sseEvent.Data.Length > 0 && _parser.Apply(sseEvent.Data, output);

    /// <summary>Decodes one GenerateContentResponse chunk given as JSON bytes; true when the stream is over.</summary>
    public bool DecodeChunk(ReadOnlyMemory<byte> chunk, List<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return _parser.Apply(chunk, output);
    }

    public void Truncated(List<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Add(new StreamError(new GatewayError(
            ErrorKind.UpstreamUnreachable, 502, "The upstream closed the stream before it finished (no finishReason received).")));
    }
}
