using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Providers.Http;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Relays an upstream stream in another wire format: each upstream event is decoded to canonical events and encoded
/// in the client's format as it arrives; events that arrived in one read go out with one flush. A fault or a stream
/// that stops early ends with the client protocol's own in-stream error, never a silent clean end.
/// </summary>
internal static class TranslatingStreamRelay
{
    /// <param name="contentType">The client response's content type when it is not an event stream (Gemini's JSON-array stream).</param>
    public static async Task RelayAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, IStreamDecoder decoder, IStreamEncoder encoder, string? contentType = null)
    {
        PassthroughStreamRelay.StartEventStream(http.Response, contentType ?? PassthroughStreamRelay.EventStreamContentType);
        var output = http.Response.BodyWriter;
        var events = new List<StreamEvent>(8);
        var current = call.FirstEvent!.Value;
        while (true)
        {
            events.Clear();
            bool finished = Decode(decoder, current, events, call);
            Emit(events, encoder, output, outcome);
            if (finished)
            {
                await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                return;
            }
            var next = await UpstreamEventFlow.NextAsync(http, call).ConfigureAwait(false);
            if (next.Event is { } sseEvent)
            {
                current = sseEvent;
                continue;
            }
            if (next.Failure is { Action: FailureAction.ClientGone })
            {
                UpstreamEventFlow.MarkClientGone(outcome);
                return;
            }
            events.Clear();
            if (next.Failure is { } failure)
            {
                events.Add(new StreamError(failure.Error));
            }
            else
            {
                decoder.Truncated(events);
            }
            Emit(events, encoder, output, outcome);
            await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>
    /// Decodes one upstream event; a decoder that throws on it (a value of the wrong JSON type, say) ends the stream
    /// with an in-stream 502 error: the answer is the upstream's fault, and the response has started, so never a 500.
    /// </summary>
    private static bool Decode(IStreamDecoder decoder, in SseEvent sseEvent, List<StreamEvent> events, UpstreamCall call)
    {
        try
        {
            return decoder.Decode(sseEvent, events);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            events.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, StatusCodes.Status502BadGateway,
                $"{call.Provider.Id}: the upstream sent a stream event that could not be read in its own wire format: {ex.Message}")
            {
                Code = "upstream_answer_malformed",
            }));
            return true;
        }
    }

    private static void Emit(List<StreamEvent> events, IStreamEncoder encoder, System.IO.Pipelines.PipeWriter output, RequestOutcome outcome)
    {
        foreach (var streamEvent in events)
        {
            switch (streamEvent)
            {
                case MessageStart { Usage: { } usage }:
                    outcome.Usage = usage;
                    break;
                case MessageDelta { Usage: { } usage }:
                    outcome.Usage = usage;
                    break;
                case StreamError error:
                    outcome.Status = error.Error.Status;
                    outcome.Error = error.Error.Message;
                    break;
            }
            encoder.Write(streamEvent, output);
        }
    }
}
