using System.Buffers;
using System.Text.Json;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/live: Server-Sent Events, one <c>event: request</c> per finished request (the same JSON as a row of
/// GET /api/requests), written as it happens, and a comment line every 15 s so proxies keep the connection open.
/// Admin access only.
/// </summary>
internal sealed class LiveApi(GatewayContext gateway)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task StreamAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = gateway.Feed.Watch();
        var output = http.Response.BodyWriter;
        // The opening comment commits the headers, so the browser's EventSource reports "open" at once.
        output.Write(": flowrouter live\n\n"u8);
        await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        try
        {
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                wait.CancelAfter(KeepAlive);
                bool hasRow;
                try
                {
                    hasRow = await subscription.Rows.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    output.Write(": ping\n\n"u8);
                    await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                    continue;
                }
                if (!hasRow)
                {
                    return;
                }
                while (subscription.Rows.TryRead(out var row))
                {
                    output.Write("event: request\ndata: "u8);
                    using (var json = new Utf8JsonWriter(output))
                    {
                        AdminViews.Request(json, row);
                    }
                    output.Write("\n\n"u8);
                }
                await output.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the dashboard went away
        }
    }
}
