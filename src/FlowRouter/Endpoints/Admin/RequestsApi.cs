using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// The request log, newest first: GET /api/requests (JSON, pages of up to 1,000 rows, each with its attempt log;
/// pass next_before for the next page) and GET /api/requests.csv (the same filters, up to 100,000 rows, for a
/// spreadsheet). Filters: id, key, provider, model, status, since (ISO time or a period such as 24h), before.
/// Admin access only.
/// </summary>
internal sealed class RequestsApi(GatewayContext gateway)
{
    private const int JsonPageLimit = 1000;

    public async Task JsonAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false)
            || await QueryAsync(http, defaultLimit: 50, maxLimit: JsonPageLimit).ConfigureAwait(false) is not { } query)
        {
            return;
        }
        var rows = await Task.Run(() => gateway.Store.Requests(query)).ConfigureAwait(false);
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("requests");
            foreach (var row in rows)
            {
                AdminViews.Request(json, row);
            }
            json.WriteEndArray();
            if (rows.Count == query.Limit && rows.Count > 0)
            {
                json.WriteString("next_before", rows[^1].StartedAt);
            }
        }).ConfigureAwait(false);
    }

    public async Task CsvAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false)
            || await QueryAsync(http, defaultLimit: 10_000, maxLimit: SqliteStore.MaxRequestRows).ConfigureAwait(false) is not { } query)
        {
            return;
        }
        var rows = await Task.Run(() => gateway.Store.Requests(query)).ConfigureAwait(false);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"flowrouter-requests-{gateway.Time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        var text = new StringBuilder();
        text.Append("id,started_at,key,ingress,requested_model,provider,upstream_model,status,stream,latency_ms,ttft_ms,")
            .Append("input_tokens,output_tokens,cached_tokens,cache_write_tokens,reasoning_tokens,cost_usd,tool_tokens_before,tool_tokens_after,attempts,error\r\n");
        foreach (var row in rows)
        {
            CsvRow(text, row);
            if (text.Length > 64 * 1024)
            {
                await http.Response.WriteAsync(text.ToString(), http.RequestAborted).ConfigureAwait(false);
                text.Clear();
            }
        }
        await http.Response.WriteAsync(text.ToString(), http.RequestAborted).ConfigureAwait(false);
    }

    private static void CsvRow(StringBuilder text, RequestLogRow row)
    {
        var inv = CultureInfo.InvariantCulture;
        string?[] cells =
        [
            row.Id, row.StartedAt.ToString("O", inv), row.KeyName, row.Ingress, row.RequestedModel, row.Provider, row.UpstreamModel,
            row.Status.ToString(inv), row.Stream ? "true" : "false", row.LatencyMs.ToString("0.##", inv), row.TtftMs?.ToString("0.##", inv),
            row.InputTokens?.ToString(inv), row.OutputTokens?.ToString(inv), row.CachedTokens?.ToString(inv), row.CacheWriteTokens?.ToString(inv),
            row.ReasoningTokens?.ToString(inv), row.CostUsd?.ToString(inv), row.ToolTokensBefore?.ToString(inv), row.ToolTokensAfter?.ToString(inv),
            row.Attempts.ToString(inv), row.Error,
        ];
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            Cell(text, cells[i]);
        }
        text.Append("\r\n");
    }

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote.</summary>
    private static void Cell(StringBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }
        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>The filters, or null after answering 400 naming the bad parameter.</summary>
    private async Task<RequestLogQuery?> QueryAsync(HttpContext http, int defaultLimit, int maxLimit)
    {
        var q = http.Request.Query;
        int limit = defaultLimit, status = 0;
        DateTimeOffset before = default, since = default;
        string? bad = Text(q["limit"]) is { } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit) ? $"limit (1 to {maxLimit})"
            : Text(q["before"]) is { } b && !DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out before) ? "before (an ISO 8601 time, e.g. a page's next_before)"
            : Text(q["since"]) is { } s && !TrySince(s, out since) ? "since (an ISO 8601 time or a period such as 30m, 24h, 7d)"
            : Text(q["status"]) is { } st && !int.TryParse(st, CultureInfo.InvariantCulture, out status) ? "status (an HTTP status code)"
            : null;
        if (bad is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.InvalidRequest($"Bad query parameter: {bad}.", bad.Split(' ')[0])).ConfigureAwait(false);
            return null;
        }
        return new RequestLogQuery
        {
            Limit = limit,
            Before = Text(q["before"]) is null ? null : before,
            Since = Text(q["since"]) is null ? null : since,
            Id = Text(q["id"]),
            Key = Text(q["key"]),
            Provider = Text(q["provider"]),
            Model = Text(q["model"]),
            Status = Text(q["status"]) is null ? null : status,
        };
    }

    private bool TrySince(string text, out DateTimeOffset since)
    {
        if (Periods.TryParse(text, out var period))
        {
            since = gateway.Time.GetUtcNow() - period;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since);
    }

    private static string? Text(StringValues value) => value.Count > 0 && value[0] is { Length: > 0 } text ? text : null;
}
