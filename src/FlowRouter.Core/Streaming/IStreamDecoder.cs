using FlowRouter.Core.Sse;

namespace FlowRouter.Core.Streaming;

/// <summary>
/// Turns an upstream's stream, one server-sent event at a time, into canonical events. One instance per stream (it
/// keeps which blocks are open). The relay feeds it events as they arrive, so nothing waits for the whole stream.
/// </summary>
public interface IStreamDecoder
{
    /// <summary>Appends the canonical events for <paramref name="sseEvent"/>; true when the stream is over.</summary>
    bool Decode(in SseEvent sseEvent, List<StreamEvent> output);

    /// <summary>The upstream closed before the stream was over: appends what the client must be told.</summary>
    void Truncated(List<StreamEvent> output);
}
