using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Providers.Http;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Relays an OpenAI Chat upstream stream to an OpenAI Chat client event by event: each event's bytes are written
/// as soon as they arrive and flushed before the relay waits for more, never gathered beyond what one read brought. A stream that breaks off (upstream gone, idle timeout, cut
/// before [DONE]) ends with an in-stream error frame, so the client never mistakes half an answer for a whole one.
/// </summary>
internal static class OpenAIStreamRelay
{
    public static async Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, bool dropUsageChunk)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var output = response.BodyWriter;
        var current = call.FirstEvent!.Value;
        bool finished = false; // [DONE] or an upstream error frame ends a stream properly
        while (true)
        {
            if (current.HasData)
            {
                finished |= current.IsDone || StreamErrors.IsOpenAIErrorEvent(current.Data, current.EventType);
                if (OpenAIUsageReader.TryRead(current.Data.Span, out var usage))
                {
                    outcome.Usage = usage;
                }
                if (!(dropUsageChunk && OpenAIUsageReader.IsUsageOnlyChunk(current.Data.Span)))
                {
                    output.Write(current.Raw.Span);
                }
            }
            // Events that arrived together go out together; as soon as the next one is not here yet, flush.
            if (call.TryReadBufferedEvent(out var buffered))
            {
                current = buffered;
                continue;
            }
            var flushed = await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                outcome.Status = 499;
                outcome.Error = "client closed the request";
                return;
            }
            var next = await call.ReadEventAsync().ConfigureAwait(false);
            if (next.Event is { } sseEvent)
            {
                current = sseEvent;
                continue;
            }
            if (next.Failure is { Action: FailureAction.ClientGone })
            {
                outcome.Status = 499;
                outcome.Error = "client closed the request";
                return;
            }
            if (next.Failure is not null || !finished)
            {
                var error = next.Failure?.Error ?? Truncated(call);
                outcome.Error = error.Message;
                outcome.Status = error.Status;
                WriteErrorFrame(error, output);
                await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
            return;
        }
    }

    /// <summary>OpenAI's in-stream error: a data event holding the error object, with no [DONE] after it.</summary>
    private static void WriteErrorFrame(GatewayError error, System.IO.Pipelines.PipeWriter output)
    {
        output.Write("data: "u8);
        OpenAIErrorWriter.Write(error, output);
        output.Write("\n\n"u8);
    }

    private static GatewayError Truncated(UpstreamCall call) =>
        new(ErrorKind.UpstreamUnreachable, StatusCodes.Status502BadGateway,
            $"{call.Provider.Id}: the upstream closed the stream before it finished{(call.EndedMidEvent ? " (cut in the middle of an event)" : "")}; the answer above is incomplete.")
        {
            Type = "server_error",
            Code = "upstream_stream_incomplete",
        };
}
