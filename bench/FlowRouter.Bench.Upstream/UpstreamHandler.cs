using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Bench.Upstream;

/// <summary>
/// Answers POST /v1/chat/completions (JSON or a 20-chunk SSE stream; a 30 MB JSON answer for the model "big-answer")
/// and GET /v1/models with precomputed bytes.
/// The request body is only scanned for "stream":true; nothing is parsed, so the fake costs as little as possible.
/// </summary>
internal static class UpstreamHandler
{
    public static Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.Equals("/v1/chat/completions", StringComparison.Ordinal) && HttpMethods.IsPost(request.Method))
        {
            return ChatAsync(http);
        }
        if (request.Path.Equals("/v1/models", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
        {
            return WriteJsonAsync(http.Response, UpstreamResponses.Models, http.RequestAborted);
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static async Task ChatAsync(HttpContext http)
    {
        var (stream, large) = await ReadFlagsAsync(http.Request.BodyReader, http.RequestAborted).ConfigureAwait(false);
        var response = http.Response;
        if (!stream)
        {
            await WriteJsonAsync(response, large ? UpstreamResponses.LargeCompletion.Value : UpstreamResponses.Completion, http.RequestAborted).ConfigureAwait(false);
            return;
        }
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var output = response.BodyWriter;
        foreach (byte[] sseEvent in UpstreamResponses.StreamEvents)
        {
            // PipeWriter.WriteAsync flushes: one event per write, as a real provider streams token by token.
            var flushed = await output.WriteAsync(sseEvent, http.RequestAborted).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }

    private static async Task WriteJsonAsync(HttpResponse response, byte[] body, CancellationToken aborted)
    {
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the whole body and reports whether it holds "stream":true (whitespace after the colon allowed) and whether
    /// it asks for the model "big-answer" (bench/memory.sh: an answer near the router's max_answer_mb).
    /// </summary>
    private static async ValueTask<(bool Stream, bool Large)> ReadFlagsAsync(PipeReader reader, CancellationToken aborted)
    {
        while (true)
        {
            var read = await reader.ReadAsync(aborted).ConfigureAwait(false);
            if (read.IsCompleted || read.IsCanceled)
            {
                bool stream = StreamFlag.IsSet(read.Buffer);
                bool large = StreamFlag.Contains(read.Buffer, "\"big-answer\""u8);
                reader.AdvanceTo(read.Buffer.End);
                return (stream, large);
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // keep it all until the body is complete
        }
    }
}
