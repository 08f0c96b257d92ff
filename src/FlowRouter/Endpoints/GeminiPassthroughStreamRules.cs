using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Ingress;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Translation;

namespace FlowRouter.Endpoints;

/// <summary>
/// Gemini streams from a Gemini upstream (always asked for with alt=sse): every chunk repeats the running usage, the
/// chunk carrying finishReason is the last (its usageMetadata is the final count), and an error is a chunk holding
/// {"error":{code,message,status}}. A client that asked with alt=sse gets the upstream's bytes as they are; one that
/// asked for the JSON-array body gets each chunk's payload, byte for byte, framed as Gemini frames that array
/// ("[" chunk ",\r\n" chunk … "]"), so it still streams chunk by chunk.
/// </summary>
internal sealed class GeminiPassthroughStreamRules(GeminiStreamFormat format) : IPassthroughStreamRules
{
    private bool _finished;
    private int _written;

    public string ContentType => format == GeminiStreamFormat.JsonArray ? GeminiIngress.JsonArrayContentType : PassthroughStreamRelay.EventStreamContentType;

    public bool Observe(in SseEvent sseEvent, RequestOutcome outcome)
    {
        if (!sseEvent.HasData)
        {
            return false;
        }
        var data = sseEvent.Data.Span;
        if (StreamErrors.IsGeminiErrorEvent(sseEvent.Data, sseEvent.EventType))
        {
            return true;
        }
        // Usage is read from the last chunk only (every chunk repeats the running counts): one parse per stream.
        _finished |= GeminiUsageScan.HasFinishReason(data);
        if (_finished && GeminiUsageScan.TryRead(data, out var usage))
        {
            outcome.Usage = usage;
        }
        return _finished;
    }

    public bool ShouldDrop(in SseEvent sseEvent) => format == GeminiStreamFormat.JsonArray && !sseEvent.HasData;

    public void WriteEvent(in SseEvent sseEvent, IBufferWriter<byte> output)
    {
        if (format == GeminiStreamFormat.Sse)
        {
            output.Write(sseEvent.Raw.Span);
            return;
        }
        Separator(output);
        output.Write(sseEvent.Data.Span);
    }

    public void WriteErrorFrame(GatewayError error, IBufferWriter<byte> output)
    {
        if (format == GeminiStreamFormat.Sse)
        {
            output.Write("data: "u8);
            GeminiErrorWriter.Write(error, output);
            output.Write("\r\n\r\n"u8);
            return;
        }
        Separator(output);
        GeminiErrorWriter.Write(error, output);
    }

    public void WriteEnd(IBufferWriter<byte> output)
    {
        if (format == GeminiStreamFormat.JsonArray)
        {
            output.Write(_written == 0 ? "[]"u8 : "]"u8);
        }
    }

    private void Separator(IBufferWriter<byte> output)
    {
        output.Write(_written++ == 0 ? "["u8 : ",\r\n"u8);
    }
}
