using System.Text;
using FlowRouter.Protocols.Transforms;
using FlowRouter.Core.Streaming;
using FlowRouter.Routing;

namespace FlowRouter.Translation;

/// <summary>
/// Records, for a translated stream, which target made each signature it carries (signature deltas are joined per
/// block and recorded when the block stops). The events themselves pass on unchanged.
/// </summary>
internal sealed class ReasoningOriginRecorder(IStreamDecoder inner, ReasoningOrigins origins, Target target) : StreamEventFilter(inner)
{
    private readonly Dictionary<int, StringBuilder> _signatures = [];

    protected override void Map(StreamEvent item, List<StreamEvent> output)
    {
        output.Add(item);
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
