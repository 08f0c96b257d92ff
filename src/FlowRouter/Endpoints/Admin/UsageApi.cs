using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Storage;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/usage?since=7d&amp;by=day|hour|provider|model|key|total: sums, errors, p50/p95 latency and time to first token
/// per group (the request log itself: <see cref="RequestsApi"/>). Admin access only. Store reads run off the socket
/// thread.
/// </summary>
internal sealed class UsageApi(GatewayContext gateway)
{
    public async Task UsageAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        string since = http.Request.Query["since"].ToString() is { Length: > 0 } s ? s : "7d";
        string by = http.Request.Query["by"].ToString() is { Length: > 0 } b ? b : "day";
        if (!Periods.TryParse(since, out var period) || !Enum.TryParse<UsageDimension>(by, ignoreCase: true, out var dimension) || int.TryParse(by, out _))
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.InvalidRequest(
                "since must be a period such as 30m, 24h or 7d, and by one of day, hour, provider, model, key, total.", "since")).ConfigureAwait(false);
            return;
        }
        var from = gateway.Time.GetUtcNow() - period;
        var groups = await Task.Run(() => gateway.Store.Aggregate(from, dimension)).ConfigureAwait(false);
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteString("since", from);
            json.WriteString("by", dimension.ToString().ToLowerInvariant());
            json.WriteStartArray("groups");
            foreach (var g in groups)
            {
                json.WriteStartObject();
                json.WriteString("group", g.Group);
                json.WriteNumber("requests", g.Requests);
                json.WriteNumber("errors", g.Errors);
                json.WriteNumber("input_tokens", g.InputTokens);
                json.WriteNumber("output_tokens", g.OutputTokens);
                json.WriteNumber("cached_tokens", g.CachedTokens);
                json.WriteNumber("reasoning_tokens", g.ReasoningTokens);
                json.WriteNumber("cost_usd", g.CostUsd);
                AdminResponses.Number(json, "latency_p50_ms", g.LatencyP50Ms);
                AdminResponses.Number(json, "latency_p95_ms", g.LatencyP95Ms);
                AdminResponses.Number(json, "ttft_p50_ms", g.TtftP50Ms);
                AdminResponses.Number(json, "ttft_p95_ms", g.TtftP95Ms);
                json.WriteNumber("tool_tokens_before", g.ToolTokensBefore);
                json.WriteNumber("tool_tokens_after", g.ToolTokensAfter);
                json.WriteNumber("tokens_saved", g.ToolTokensBefore - g.ToolTokensAfter);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }
}
