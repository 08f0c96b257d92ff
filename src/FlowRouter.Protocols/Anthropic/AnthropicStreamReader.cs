using System.Runtime.CompilerServices;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Turns an upstream Messages SSE body into canonical stream events as the bytes arrive, one SSE event at a time.
/// A stream that ends without message_stop is reported as a <see cref="StreamError"/> (the upstream closed it
/// early), never as a clean stop, so the gateway does not pass a truncated answer off as complete.
/// </summary>
public static class AnthropicStreamReader
{
    public static async IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new SseReader(stream);
        var parser = new AnthropicStreamParser();
        var events = new List<StreamEvent>(4);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } sseEvent)
        {
            if (!sseEvent.HasData)
            {
                continue; // comments and keep-alives
            }
            events.Clear();
            bool finished = parser.Apply(sseEvent.Data, events);
            foreach (var item in events)
            {
                yield return item;
            }
            if (finished)
            {
                yield break;
            }
        }
        yield return new StreamError(new GatewayError(
            ErrorKind.UpstreamUnreachable, 502, "The upstream closed the stream before it finished (no message_stop received)."));
    }
}
