using System.Runtime.CompilerServices;
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
        var decoder = new AnthropicStreamDecoder();
        var events = new List<StreamEvent>(4);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } sseEvent)
        {
            events.Clear();
            bool finished = decoder.Decode(sseEvent, events);
            foreach (var item in events)
            {
                yield return item;
            }
            if (finished)
            {
                yield break;
            }
        }
        events.Clear();
        decoder.Truncated(events);
        foreach (var item in events)
        {
            yield return item;
        }
    }
}
