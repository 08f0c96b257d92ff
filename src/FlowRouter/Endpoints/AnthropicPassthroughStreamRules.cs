using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Routing;
using FlowRouter.Translation;

namespace FlowRouter.Endpoints;

/// <summary>
/// Anthropic Messages streams: input usage arrives in message_start, output usage in message_delta (the final one
/// counts), message_stop (or an error event) ends the stream, and errors are an "event: error" frame. One instance
/// per stream: it accumulates the usage. Thinking signatures (signature_delta, redacted_thinking data) are recorded
/// as made by the target, so they are replayed only to it.
/// </summary>
internal sealed class AnthropicPassthroughStreamRules(ReasoningOrigins origins, Target target) : IPassthroughStreamRules
{
    private readonly AnthropicUsageScan _usage = new();

    public bool Observe(in SseEvent sseEvent, RequestOutcome outcome)
    {
        switch (sseEvent.EventType)
        {
            case "message_start":
            case "message_delta":
                _usage.Apply(sseEvent.Data.Span);
                outcome.Usage = _usage.Current;
                return false;
            case "message_stop":
                return true;
            case "content_block_start":
            case "content_block_delta":
                ReasoningOriginStamp.Record(sseEvent.Data.Span, origins, target);
                return false;
            default:
                return StreamErrors.IsAnthropicErrorEvent(sseEvent.Data, sseEvent.EventType);
        }
    }

    public bool ShouldDrop(in SseEvent sseEvent) => false;

    public void WriteErrorFrame(GatewayError error, IBufferWriter<byte> output)
    {
        output.Write("event: error\ndata: "u8);
        AnthropicErrorWriter.Write(error, output);
        output.Write("\n\n"u8);
    }
}
