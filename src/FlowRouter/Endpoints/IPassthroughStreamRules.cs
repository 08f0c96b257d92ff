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
}
