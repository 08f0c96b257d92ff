using System.Buffers;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Providers.Http;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Relays an upstream stream to a client of the same wire format, event by event: each event's bytes are written as
/// soon as they arrive and flushed before the relay waits for more, never gathered beyond what one read brought.
/// A stream that breaks off (upstream gone, idle timeout, cut before its last event) ends with the protocol's
/// in-stream error frame, so the client never mistakes half an answer for a whole one; so does an event that is not
/// JSON (the first one was checked before anything was committed). What differs per protocol
/// (usage, the end marker, the error frame) comes from <see cref="IPassthroughStreamRules"/>.
/// </summary>
internal static class PassthroughStreamRelay
{
    public static async Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, IPassthroughStreamRules rules)
    {
        StartEventStream(http.Response, rules.ContentType);
        var output = http.Response.BodyWriter;
        var current = call.FirstEvent!.Value;
        bool finished = false; // the protocol's last event (or an upstream error frame) ends a stream properly
        while (true)
        {
            finished |= rules.Observe(current, outcome);
            if (!rules.ShouldDrop(current))
            {
                rules.WriteEvent(current, output);
            }
            var next = await UpstreamEventFlow.NextAsync(http, call).ConfigureAwait(false);
            if (next.Event is { } sseEvent)
            {
                if (Malformed(call, sseEvent) is not { } malformed)
                {
                    current = sseEvent;
                    continue;
                }
                await EndWithErrorAsync(http, outcome, rules, malformed).ConfigureAwait(false);
                return;
            }
            if (next.Failure is { Action: FailureAction.ClientGone })
            {
                UpstreamEventFlow.MarkClientGone(outcome);
                return;
            }
            if (next.Failure is not null || !finished)
            {
                await EndWithErrorAsync(http, outcome, rules, next.Failure?.Error ?? Truncated(call)).ConfigureAwait(false);
                return;
            }
            rules.WriteEnd(output);
            return;
        }
    }

    private static async Task EndWithErrorAsync(HttpContext http, RequestOutcome outcome, IPassthroughStreamRules rules, GatewayError error)
    {
        var output = http.Response.BodyWriter;
        outcome.Error = error.Message;
        outcome.Status = error.Status;
        rules.WriteErrorFrame(error, output);
        rules.WriteEnd(output);
        await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The error for an event whose data is not a JSON object (every format streams JSON objects, OpenAI's [DONE]
    /// aside), or null. The bytes are relayed as they came, so garbage would reach the client and break its SDK's
    /// parser mid-answer; the stream ends with the protocol's error frame instead. One reader pass, no allocation.
    /// </summary>
    private static GatewayError? Malformed(UpstreamCall call, in SseEvent sseEvent)
    {
        if (!sseEvent.HasData || sseEvent.IsDone || JsonAnswerScan.Scan(sseEvent.Data.Span, out string? problem) != AnswerShape.Malformed)
        {
            return null;
        }
        return new GatewayError(ErrorKind.UpstreamError, StatusCodes.Status502BadGateway,
            $"{call.Provider.Id}: the upstream sent a stream event that is unusable ({problem}); the answer above is incomplete.")
        {
            Type = "server_error",
            Code = "upstream_answer_malformed",
        };
    }

    internal const string EventStreamContentType = "text/event-stream; charset=utf-8";

    internal static void StartEventStream(HttpResponse response, string contentType = EventStreamContentType)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    private static GatewayError Truncated(UpstreamCall call) =>
        new(ErrorKind.UpstreamUnreachable, StatusCodes.Status502BadGateway,
            $"{call.Provider.Id}: the upstream closed the stream before it finished{(call.EndedMidEvent ? " (cut in the middle of an event)" : "")}; the answer above is incomplete.")
        {
            Type = "server_error",
            Code = "upstream_stream_incomplete",
        };
}
