using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Protocols.OpenAIResponses;

namespace FlowRouter.Endpoints;

/// <summary>
/// Responses streams: every event is named ("event: response.output_text.delta"); response.completed,
/// response.incomplete, response.failed or an error event ends the stream; the final response object (with usage)
/// rides on the last one and is handed to <paramref name="finished"/> before the client sees it, so a stored answer
/// exists by the time the client can ask for the next turn. Errors are an "event: error" frame with the next
/// sequence_number.
/// </summary>
internal sealed class ResponsesPassthroughStreamRules(Action<ReadOnlySpan<byte>>? finished) : IPassthroughStreamRules
{
    private int _events;

    public bool Observe(in SseEvent sseEvent, RequestOutcome outcome)
    {
        _events++;
        switch (sseEvent.EventType)
        {
            case "response.completed":
            case "response.incomplete":
            case "response.failed":
                if (ResponsesUsageReader.TryRead(sseEvent.Data.Span, out var usage))
                {
                    outcome.Usage = usage;
                }
                if (sseEvent.EventType != "response.failed" && ResponsesUsageReader.ResponseOf(sseEvent.Data) is { Length: > 0 } response)
                {
                    finished?.Invoke(response.Span);
                }
                return true;
            case "error":
                return true;
            default:
                return false;
        }
    }

    public bool ShouldDrop(in SseEvent sseEvent) => false;

    public void WriteErrorFrame(GatewayError error, IBufferWriter<byte> output) => ResponsesErrorFrame.Write(error, _events, output);
}
