using System.Runtime.CompilerServices;
using FlowRouter.Core.Sse;

namespace FlowRouter.Core.Streaming;

/// <summary>Runs an <see cref="IStreamDecoder"/> over a whole SSE body as it arrives (tests, tools, non-relay callers).</summary>
public static class StreamDecoding
{
    /// <summary>
    /// The canonical events of the stream, event by event. A stream that ends before the decoder saw its end is
    /// reported through <see cref="IStreamDecoder.Truncated"/>, never as a clean stop.
    /// </summary>
    public static async IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, IStreamDecoder decoder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new SseReader(stream);
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
