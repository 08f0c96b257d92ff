using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Translation;

namespace FlowRouter.Endpoints;

/// <summary>
/// OpenAI Chat streams: usage rides on chunks, "data: [DONE]" (or an error chunk) ends the stream, and errors are a
/// data event holding the error object with no [DONE] after it.
/// </summary>
internal sealed class OpenAIPassthroughStreamRules(bool dropUsageChunk) : IPassthroughStreamRules
{
    public static readonly OpenAIPassthroughStreamRules KeepAll = new(false);
    public static readonly OpenAIPassthroughStreamRules DropUsageChunk = new(true);

    public bool Observe(in SseEvent sseEvent, RequestOutcome outcome)
    {
        if (!sseEvent.HasData)
        {
            return false;
        }
        if (OpenAIUsageReader.TryRead(sseEvent.Data.Span, out var usage))
        {
            outcome.Usage = usage;
        }
        return sseEvent.IsDone || StreamErrors.IsOpenAIErrorEvent(sseEvent.Data, sseEvent.EventType);
    }

    public bool ShouldDrop(in SseEvent sseEvent) =>
        !sseEvent.HasData || (dropUsageChunk && OpenAIUsageReader.IsUsageOnlyChunk(sseEvent.Data.Span));

    public void WriteErrorFrame(GatewayError error, IBufferWriter<byte> output)
    {
        output.Write("data: "u8);
        OpenAIErrorWriter.Write(error, output);
        output.Write("\n\n"u8);
    }
}
