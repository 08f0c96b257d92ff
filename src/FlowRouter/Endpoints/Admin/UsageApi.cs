using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Storage;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/usage?since=7d&amp;by=day|hour|provider|model|key: sums, errors, p50/p95 latency and time to first token
/// per group; GET /api/requests?limit=50&amp;before=ISO&amp;key=&amp;provider=&amp;model=&amp;status=: the request log,
/// newest first, paged by the last row's started_at. Admin access only. Store reads run off the socket thread.
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
                "since must be a period such as 30m, 24h or 7d, and by one of day, hour, provider, model, key.", "since")).ConfigureAwait(false);
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
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task RequestsAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var q = http.Request.Query;
        int limit = 50, status = 0;
        DateTimeOffset before = default;
        string? bad = Text(q["limit"]) is { } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000) ? "limit (1 to 1000)"
            : Text(q["before"]) is { } b && !DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out before) ? "before (an ISO 8601 time, e.g. a page's next_before)"
            : Text(q["status"]) is { } st && !int.TryParse(st, CultureInfo.InvariantCulture, out status) ? "status (an HTTP status code)"
            : null;
        if (bad is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.InvalidRequest($"Bad query parameter: {bad}.", bad.Split(' ')[0])).ConfigureAwait(false);
            return;
        }
        var query = new RequestLogQuery
        {
            Limit = limit,
            Before = Text(q["before"]) is null ? null : before,
            Key = Text(q["key"]),
            Provider = Text(q["provider"]),
            Model = Text(q["model"]),
            Status = Text(q["status"]) is null ? null : status,
        };
        var rows = await Task.Run(() => gateway.Store.Requests(query)).ConfigureAwait(false);
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("requests");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", row.Id);
                json.WriteString("started_at", row.StartedAt);
                json.WriteString("key", row.KeyName);
                json.WriteString("ingress", row.Ingress);
                json.WriteString("requested_model", row.RequestedModel);
                json.WriteString("provider", row.Provider);
                json.WriteString("upstream_model", row.UpstreamModel);
                json.WriteNumber("status", row.Status);
                json.WriteBoolean("stream", row.Stream);
                json.WriteNumber("latency_ms", Math.Round(row.LatencyMs, 2));
                AdminResponses.Number(json, "ttft_ms", row.TtftMs is { } t ? Math.Round(t, 2) : null);
                AdminResponses.Number(json, "input_tokens", row.InputTokens);
                AdminResponses.Number(json, "output_tokens", row.OutputTokens);
                AdminResponses.Number(json, "cached_tokens", row.CachedTokens);
                AdminResponses.Number(json, "reasoning_tokens", row.ReasoningTokens);
                if (row.CostUsd is { } cost)
                {
                    json.WriteNumber("cost_usd", cost);
                }
                json.WriteNumber("attempts", row.Attempts);
                if (row.AttemptsJson is { } attempts)
                {
                    json.WritePropertyName("attempt_log");
                    json.WriteRawValue(attempts);
                }
                json.WriteString("error", row.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (rows.Count == query.Limit && rows.Count > 0)
            {
                json.WriteString("next_before", rows[^1].StartedAt);
            }
        }).ConfigureAwait(false);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.Count > 0 && value[0] is { Length: > 0 } text ? text : null;
}
