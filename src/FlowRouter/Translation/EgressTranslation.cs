using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;
using FlowRouter.Routing;

namespace FlowRouter.Translation;

/// <summary>One translated attempt: the codec with the request and target it wrote, to read that target's answer.</summary>
internal sealed record EgressTranslation(EgressCodec Codec, ChatRequest Request, Target Target)
{
    public ChatResponse ReadResponse(ReadOnlyMemory<byte> body) => Codec.ReadResponse(body, Request, Target);

    public IStreamDecoder NewDecoder() => Codec.NewDecoder(Request, Target);
}
