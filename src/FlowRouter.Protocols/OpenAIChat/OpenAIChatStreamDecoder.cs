using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>chat.completion.chunk events → canonical events, for relays that translate (see <see cref="IStreamDecoder"/>).</summary>
public sealed class OpenAIChatStreamDecoder : IStreamDecoder
{
    private readonly OpenAIChatChunkParser _parser = new();

    public bool Decode(in SseEvent sseEvent, List<StreamEvent> output)
    {
        if (!sseEvent.HasData)
        {
            return false; // comments and keep-alives
        }
        return sseEvent.IsDone ? _parser.Done(output) : _parser.Apply(sseEvent.Data, output);
    }

    public void Truncated(List<StreamEvent> output) =>
        output.Add(new StreamError(new GatewayError(
            ErrorKind.UpstreamUnreachable, 502, "The upstream closed the stream before it finished (no [DONE] received).")));
}
