using System.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;
using FlowRouter.Routing;

namespace FlowRouter.Translation;

/// <summary>
/// How to talk to a provider of one wire format when the client speaks another: where to post, how to write the
/// canonical request, how to read its answer and its stream. Passthrough (same format) does not use this. The
/// readers get the request and target too: how an answer reads back can depend on how the request was written
/// (structured output sent as a forced tool comes back as a tool call that is really the answer).
/// </summary>
internal sealed record EgressCodec(
    string RelativePath,
    Action<ChatRequest, Target, IBufferWriter<byte>> WriteRequest,
    Func<ReadOnlyMemory<byte>, ChatRequest, Target, ChatResponse> ReadResponse,
    Func<ChatRequest, Target, IStreamDecoder> NewDecoder,
    Func<ReadOnlyMemory<byte>, string?, bool> IsStreamErrorEvent)
{
    /// <summary>
    /// For formats whose URL depends on the target and on streaming (Gemini: the model and the method are in the
    /// path); null: <see cref="RelativePath"/> for every call.
    /// </summary>
    public Func<Target, bool, string>? PathBuilder { get; init; }

    /// <summary>Where to post for this target, streamed or not.</summary>
    public string PathFor(Target target, bool stream) => PathBuilder?.Invoke(target, stream) ?? RelativePath;
}
