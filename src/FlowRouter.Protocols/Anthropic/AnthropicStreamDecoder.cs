using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>Messages stream events → canonical events, for relays that translate (see <see cref="IStreamDecoder"/>).</summary>
public sealed class AnthropicStreamDecoder : IStreamDecoder
{
    private readonly AnthropicStreamParser _parser = new();

    public bool Decode(in SseEvent sseEvent, List<StreamEvent> output) =>
        sseEvent.HasData && _parser.Apply(sseEvent.Data, output); // comments and keep-alives carry nothing

    public void Truncated(List<StreamEvent> output) =>
        output.Add(new StreamError(new GatewayError(
            ErrorKind.UpstreamUnreachable, 502, "The upstream closed the stream before it finished (no message_stop received).")));
}
