using System.Text;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Routing;

namespace FlowRouter.Translation;

/// <summary>
/// Records, for a translated stream, which target made each signature it carries (signature deltas are joined per
/// block and recorded when the block stops). The events themselves pass on unchanged.
/// </summary>
internal sealed class ReasoningOriginRecorder(IStreamDecoder inner, ReasoningOrigins origins, Target target) : IStreamDecoder
{
    private readonly Dictionary<int, StringBuilder> _signatures = [];

    public bool Decode(in SseEvent sseEvent, List<StreamEvent> output)
    {
        int first = output.Count;
        bool finished = inner.Decode(sseEvent, output);
        for (int i = first; i < output.Count; i++)
        {
            Observe(output[i]);
        }
        return finished;
    }

    public void Truncated(List<StreamEvent> output) => inner.Truncated(output);

    private void Observe(StreamEvent item)
    {
        switch (item)
        {
            case BlockDelta { Kind: DeltaKind.Signature } delta:
                if (!_signatures.TryGetValue(delta.Index, out var signature))
                {
                    _signatures[delta.Index] = signature = new StringBuilder();
                }
                signature.Append(delta.Fragment);
                break;
            case BlockStop stop when _signatures.Remove(stop.Index, out var complete):
                origins.Record(complete.ToString(), target.Provider.Id, target.Model);
                break;
        }
    }
}
