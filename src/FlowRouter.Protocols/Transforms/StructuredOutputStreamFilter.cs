using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// The streamed side of <see cref="StructuredOutputTool"/>: the tool's call block becomes a text block whose deltas
/// are the argument fragments, passed on as they arrive. Only a wrapped schema ({"value": …}) needs the whole
/// argument text before it can unwrap it, so that one block is held until it stops. A tool_calls finish becomes
/// stop when no real tool was called.
/// </summary>
public sealed class StructuredOutputStreamFilter(IStreamDecoder inner, StructuredOutputTool tool) : StreamEventFilter(inner)
{
    private int _answerIndex = -1;
    private bool _realToolCalled;
    private StringBuilder? _wrapped;

    protected override void Map(StreamEvent item, List<StreamEvent> output)
    {
        switch (item)
        {
            case BlockStart { Kind: BlockKind.ToolCall } start when start.ToolName == tool.Name:
                _answerIndex = start.Index;
                _wrapped = tool.Wrapped ? new StringBuilder() : null;
                output.Add(new BlockStart(start.Index, BlockKind.Text));
                break;
            case BlockStart { Kind: BlockKind.ToolCall }:
                _realToolCalled = true;
                output.Add(item);
                break;
            case BlockDelta delta when delta.Index == _answerIndex:
                if (_wrapped is null)
                {
                    output.Add(delta with { Kind = DeltaKind.Text });
                }
                else
                {
                    _wrapped.Append(delta.Fragment);
                }
                break;
            case BlockStop stop when stop.Index == _answerIndex && _wrapped is not null:
                output.Add(new BlockDelta(stop.Index, DeltaKind.Text, tool.AnswerText(_wrapped.ToString())));
                output.Add(stop);
                _wrapped = null;
                break;
            case MessageDelta { Finish: { } finish } message when finish == FinishReason.ToolCalls && _answerIndex >= 0 && !_realToolCalled:
                output.Add(message with { Finish = FinishReason.Stop });
                break;
            default:
                output.Add(item);
                break;
        }
    }
}
