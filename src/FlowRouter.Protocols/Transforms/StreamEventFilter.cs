using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// A decoder that rewrites another decoder's canonical events on their way to the encoder: each event the inner
/// decoder produces goes through <see cref="Map"/>, which may pass it on, change it, hold it back or add others.
/// </summary>
public abstract class StreamEventFilter(IStreamDecoder inner) : IStreamDecoder
{
    private readonly List<StreamEvent> _raw = new(4);

    public bool Decode(in SseEvent sseEvent, List<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _raw.Clear();
        bool finished = inner.Decode(sseEvent, _raw);
        foreach (var item in _raw)
        {
            Map(item, output);
        }
        return finished;
    }

    public void Truncated(List<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _raw.Clear();
        inner.Truncated(_raw);
        foreach (var item in _raw)
        {
            Map(item, output);
        }
    }

    /// <summary>Appends what <paramref name="item"/> becomes to <paramref name="output"/>.</summary>
    protected abstract void Map(StreamEvent item, List<StreamEvent> output);
}
