using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;

namespace FlowRouter.Endpoints;

/// <summary>What a same-format stream relay needs to know about one wire format.</summary>
internal interface IPassthroughStreamRules
{
    /// <summary>Notes what the event says (usage) and returns true when it ends the stream properly.</summary>
    bool Observe(in SseEvent sseEvent, RequestOutcome outcome);

    /// <summary>True for an event the client did not ask for (a usage chunk FlowRouter requested for itself).</summary>
    bool ShouldDrop(in SseEvent sseEvent);

    /// <summary>Writes the protocol's in-stream error frame.</summary>
    void WriteErrorFrame(GatewayError error, IBufferWriter<byte> output);

    /// <summary>The client response's content type.</summary>
    string ContentType => PassthroughStreamRelay.EventStreamContentType;

    /// <summary>Writes one relayed event: its bytes as they came, unless the client asked for another framing.</summary>
    void WriteEvent(in SseEvent sseEvent, IBufferWriter<byte> output) => output.Write(sseEvent.Raw.Span);

    /// <summary>Written once after the last event or error frame (a closing bracket for a JSON-array stream).</summary>
    void WriteEnd(IBufferWriter<byte> output)
    {
    }
}
