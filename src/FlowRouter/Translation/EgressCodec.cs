using System.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;
using FlowRouter.Routing;

namespace FlowRouter.Translation;

/// <summary>
/// How to talk to a provider of one wire format when the client speaks another: where to post, how to write the
/// canonical request, how to read its answer and its stream. Passthrough (same format) does not use this.
/// </summary>
internal sealed record EgressCodec(
    string RelativePath,
    Action<ChatRequest, Target, IBufferWriter<byte>> WriteRequest,
    Func<ReadOnlyMemory<byte>, ChatResponse> ReadResponse,
    Func<IStreamDecoder> NewDecoder,
    Func<ReadOnlyMemory<byte>, string?, bool> IsStreamErrorEvent);
