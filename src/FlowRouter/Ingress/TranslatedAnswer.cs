using System.Buffers;
using FlowRouter.Core.Buffers;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using FlowRouter.Providers.Http;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>Reads a whole (non-streamed) upstream answer into the canonical model, for writing in another format.</summary>
internal static class TranslatedAnswer
{
    /// <summary>
    /// The canonical answer (usage noted on the outcome), or null when the body could not be read. The attempt has
    /// normally read it already (<see cref="UpstreamCall.Answer"/>: an unreadable answer failed over there); reading
    /// here is the fallback, and whatever the codec throws is the upstream's fault, a 502, never a 500.
    /// </summary>
    public static ChatResponse? Read(EgressTranslation translation, UpstreamCall call, RequestOutcome outcome)
    {
        try
        {
            var response = call.Answer ?? translation.ReadResponse(call.Body);
            outcome.Usage = response.Usage;
            return response;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome.Status = 502;
            outcome.Error = Unreadable(call).Message + " " + ex.Message;
            return null;
        }
    }

    /// <summary>
    /// Writes a translated JSON answer with a Content-Length, in one write: without the length Kestrel sends it
    /// chunked, one more send() per request (bench/RESULTS.md, Translation).
    /// </summary>
    public static async Task WriteJsonAsync(HttpContext http, Action<IBufferWriter<byte>> write)
    {
        using var buffer = new PooledBufferWriter(4096);
        write(buffer);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = buffer.WrittenCount;
        await AnswerBody.WriteAsync(http.Response, buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    public static GatewayError Unreadable(UpstreamCall call) =>
        new(ErrorKind.UpstreamError, 502, $"{call.Provider.Id}: the answer could not be read in its own wire format.");
}
