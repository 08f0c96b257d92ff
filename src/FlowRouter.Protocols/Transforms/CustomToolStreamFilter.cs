using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// The streamed side of <see cref="CustomToolBridge"/>: a call of a bridged tool opens as a custom tool call, and
/// its {"input": "…"} argument fragments are held until the block stops, then sent as one fragment of raw input.
/// Holding is what makes the unwrapping exact (an escape can straddle fragments); other blocks pass untouched.
/// </summary>
public sealed class CustomToolStreamFilter(IStreamDecoder inner, IReadOnlySet<string> bridged) : StreamEventFilter(inner)
{
    private readonly Dictionary<int, StringBuilder> _held = [];

    protected override void Map(StreamEvent item, List<StreamEvent> output)
    {
        switch (item)
        {
            case BlockStart { Kind: BlockKind.ToolCall } start when start.ToolName is { } name && bridged.Contains(name):
                _held[start.Index] = new StringBuilder();
                output.Add(start with { ToolKind = ToolKind.Custom });
                break;
            case BlockDelta delta when _held.TryGetValue(delta.Index, out var held):
                held.Append(delta.Fragment);
                break;
            case BlockStop stop when _held.Remove(stop.Index, out var complete):
                output.Add(new BlockDelta(stop.Index, DeltaKind.Arguments, CustomToolBridge.UnwrapInput(complete.ToString())));
                output.Add(stop);
                break;
            default:
                output.Add(item);
                break;
        }
    }
}
