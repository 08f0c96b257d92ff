using System.Globalization;
using FlowRouter.Endpoints;
using FlowRouter.Routing;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Observability;

/// <summary>
/// What GET /metrics shows, fed by every finished request (<see cref="Record"/>) and read at scrape time from the
/// routing runtime (cooldowns) and the request-log writer (queue). Label values come from the configuration only
/// (ingress protocol, provider id, upstream model, status): never a client-chosen string (unbounded series), a key
/// or a prompt.
/// </summary>
internal sealed class Metrics
{
    // LLM answers take seconds to minutes, so the buckets reach further than the usual web defaults.
    private static readonly double[] DurationBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly double[] TtftBounds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

    public CounterFamily Requests { get; } = new("flowrouter_requests_total",
        "Client requests answered, by ingress protocol, provider and upstream model that answered, and HTTP status.", "ingress", "provider", "model", "status");
    public HistogramFamily Duration { get; } = new("flowrouter_request_duration_seconds",
        "Time from receiving a request to the end of its answer.", DurationBounds, "ingress", "provider", "model");
    public HistogramFamily TimeToFirstToken { get; } = new("flowrouter_time_to_first_token_seconds",
        "Time from receiving a request to the upstream's first answer event.", TtftBounds, "ingress", "provider", "model");
    public CounterFamily Tokens { get; } = new("flowrouter_tokens_total",
        "Tokens reported by upstreams; type is input (cached included), output (reasoning included), cache_read, cache_write or reasoning.", "provider", "model", "type");
    public CounterFamily Cost { get; } = new("flowrouter_cost_usd_total",
        "List-price cost in USD from the model catalog (cache-aware), by the upstream model that answered.", "provider", "model");
    public CounterFamily Fallbacks { get; } = new("flowrouter_fallbacks_total",
        "Requests that went through more than one target (a failed or skipped attempt before the one that answered).", "ingress", "provider", "model");
    public CounterFamily UpstreamErrors { get; } = new("flowrouter_upstream_errors_total",
        "Failed upstream attempts by provider and upstream HTTP status (none: network error or timeout).", "provider", "status");

    public CounterFamily ToolTokens { get; } = new("flowrouter_token_saver_tokens_total",
        "o200k tokens of the tool output the token saver condensed, before and after (stage), by ingress protocol; before minus after is what it saved.", "ingress", "stage");

    public void Record(RequestOutcome outcome, double latencySeconds, decimal? cost)
    {
        if (outcome.ToolTokensBefore is { } toolBefore)
        {
            ToolTokens.Add(new(outcome.Ingress, "before"), toolBefore);
            ToolTokens.Add(new(outcome.Ingress, "after"), outcome.ToolTokensAfter ?? toolBefore);
        }
        string provider = outcome.Provider ?? "";
        string model = outcome.UpstreamModel ?? "";
        Requests.Increment(new(outcome.Ingress, provider, model, StatusText(outcome.Status)));
        var series = new MetricLabels(outcome.Ingress, provider, model);
        Duration.Observe(series, latencySeconds);
        if (outcome.TimeToFirstToken is { } ttft)
        {
            TimeToFirstToken.Observe(series, ttft.TotalSeconds);
        }
        if (outcome.Usage is { } usage)
        {
            Tokens.Add(new(provider, model, "input"), usage.InputTokens);
            Tokens.Add(new(provider, model, "output"), usage.OutputTokens);
            Tokens.Add(new(provider, model, "cache_read"), usage.CacheReadTokens ?? 0);
            Tokens.Add(new(provider, model, "cache_write"), usage.CacheWriteTokens ?? 0);
            Tokens.Add(new(provider, model, "reasoning"), usage.ReasoningTokens ?? 0);
        }
        if (cost is { } usd)
        {
            Cost.Add(new(provider, model), (double)usd);
        }
        if (outcome.AttemptLog is { Count: > 0 } attempts)
        {
            if (attempts.Count > 1)
            {
                Fallbacks.Increment(series);
            }
            foreach (var attempt in attempts)
            {
                if (attempt.Rule is not null)
                {
                    UpstreamErrors.Increment(new(ProviderOf(attempt.Target), attempt.Status is { } status ? StatusText(status) : "none"));
                }
            }
        }
    }

    /// <summary>The whole exposition: request metrics, then cooldowns and the usage queue as they are now.</summary>
    public string Render(RoutingRuntime routing, RequestLogWriter requestLog)
    {
        var writer = new PrometheusTextWriter();
        Requests.WriteTo(writer);
        Duration.WriteTo(writer);
        TimeToFirstToken.WriteTo(writer);
        Tokens.WriteTo(writer);
        Cost.WriteTo(writer);
        Fallbacks.WriteTo(writer);
        UpstreamErrors.WriteTo(writer);
        ToolTokens.WriteTo(writer);
        WriteCooldowns(writer, routing);
        writer.Header("flowrouter_usage_queue_dropped_total", "Request-log rows dropped because the write queue was full (or the store refused a batch).", "counter");
        writer.Sample("flowrouter_usage_queue_dropped_total", requestLog.Dropped);
        writer.Header("flowrouter_usage_rows_written_total", "Request-log rows committed to the store.", "counter");
        writer.Sample("flowrouter_usage_rows_written_total", requestLog.Written);
        writer.Header("flowrouter_usage_queue_length", "Request-log rows waiting to be written.", "gauge");
        writer.Sample("flowrouter_usage_queue_length", requestLog.Queued);
        return writer.ToString();
    }

    private static void WriteCooldowns(PrometheusTextWriter writer, RoutingRuntime routing)
    {
        var resting = new SortedDictionary<string, (int Resting, int Disabled)>(StringComparer.Ordinal);
        foreach (var (key, rest, _) in routing.Book.Snapshot())
        {
            resting.TryGetValue(key.Provider, out var counts);
            if (rest.Disabled)
            {
                counts.Disabled++;
            }
            else if (!rest.ProbeDue)
            {
                counts.Resting++;
            }
            resting[key.Provider] = counts;
        }
        string[] labelNames = ["provider"];
        writer.Header("flowrouter_cooldowns", "Cooldown entries (provider key, key and model, or model) resting now, by provider.", "gauge");
        foreach (var (provider, counts) in resting)
        {
            writer.Sample("flowrouter_cooldowns", labelNames, new(provider), counts.Resting);
        }
        writer.Header("flowrouter_disabled_keys", "Provider keys disabled after their credentials were refused, by provider.", "gauge");
        foreach (var (provider, counts) in resting)
        {
            writer.Sample("flowrouter_disabled_keys", labelNames, new(provider), counts.Disabled);
        }
    }

    private static string ProviderOf(string targetAddress)
    {
        int slash = targetAddress.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? targetAddress : targetAddress[..slash];
    }

    private static readonly string[] CommonStatuses = BuildStatusTexts();

    private static string StatusText(int status) =>
        status is >= 0 and < 600 ? CommonStatuses[status] : status.ToString(CultureInfo.InvariantCulture);

    private static string[] BuildStatusTexts()
    {
        var texts = new string[600];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = i.ToString(CultureInfo.InvariantCulture);
        }
        return texts;
    }
}
