using FlowRouter.Hosting;
using FlowRouter.Providers.Catalog;
using FlowRouter.Storage;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Endpoints;

/// <summary>
/// One structured line per request and one request-log row. Carries names, numbers and ids only: never a prompt, a
/// completion or a key.
/// </summary>
internal static partial class RequestLogging
{
    public static void Complete(GatewayContext gateway, ILogger logger, RequestOutcome outcome)
    {
        double latencyMs = gateway.Time.GetElapsedTime(outcome.StartTimestamp).TotalMilliseconds;
        double? ttftMs = outcome.TimeToFirstToken?.TotalMilliseconds;
        if (logger.IsEnabled(LogLevel.Information))
        {
            string ttftText = ttftMs is null ? "-" : Math.Round(ttftMs.Value, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            double latencyRounded = Math.Round(latencyMs, 2);
            LogRequest(logger, outcome.Id, outcome.KeyName ?? "-", outcome.RequestedModel ?? "-", outcome.Provider ?? "-",
                outcome.UpstreamModel ?? "-", outcome.Status, outcome.Stream, latencyRounded, ttftText,
                outcome.Usage?.InputTokens ?? 0, outcome.Usage?.OutputTokens ?? 0, outcome.Attempts, outcome.Error ?? "-");
        }
        var usage = outcome.Usage;
        decimal? cost = usage is null || outcome.UpstreamModel is null ? null
            : ModelCatalog.EstimateCost(outcome.UpstreamModel, usage.InputTokens, usage.OutputTokens, usage.CacheReadTokens ?? 0, usage.CacheWriteTokens ?? 0);
        gateway.Metrics.Record(outcome, latencyMs / 1000, cost);
        Observability.Telemetry.Record(outcome, gateway.Time.GetUtcNow(), latencyMs / 1000);
        var row = new RequestLogRow
        {
            Id = outcome.Id,
            StartedAt = outcome.StartedAt,
            KeyName = outcome.KeyName,
            Ingress = outcome.Ingress,
            RequestedModel = outcome.RequestedModel,
            Provider = outcome.Provider,
            UpstreamModel = outcome.UpstreamModel,
            Status = outcome.Status,
            Stream = outcome.Stream,
            LatencyMs = latencyMs,
            TtftMs = ttftMs,
            InputTokens = outcome.Usage?.InputTokens,
            OutputTokens = outcome.Usage?.OutputTokens,
            CachedTokens = outcome.Usage?.CacheReadTokens,
            ReasoningTokens = outcome.Usage?.ReasoningTokens,
            Attempts = outcome.Attempts,
            Error = outcome.Error,
            AttemptsJson = AttemptsJson(outcome.AttemptLog),
            CacheWriteTokens = usage?.CacheWriteTokens,
            CostUsd = cost,
            RequestBytes = outcome.RequestBytes,
            ResponseBytes = outcome.ResponseBytes,
            ToolTokensBefore = outcome.ToolTokensBefore,
            ToolTokensAfter = outcome.ToolTokensAfter,
        };
        gateway.RequestLog.Append(row);
        gateway.Feed.Publish(row);
    }

    /// <summary>The attempts as a JSON array (keys by position only: a key itself never reaches the log).</summary>
    private static string? AttemptsJson(IReadOnlyList<Routing.AttemptRecord>? attempts)
    {
        if (attempts is null || attempts.Count == 0)
        {
            return null;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var attempt in attempts)
            {
                json.WriteStartObject();
                json.WriteString("target", attempt.Target);
                if (attempt.Key is { } key)
                {
                    json.WriteNumber("key", key);
                }
                if (attempt.Status is { } status)
                {
                    json.WriteNumber("status", status);
                }
                json.WriteString("outcome", attempt.Outcome);
                if (attempt.Rule is { } rule)
                {
                    json.WriteString("rule", rule);
                }
                json.WriteNumber("ms", Math.Round(attempt.Elapsed.TotalMilliseconds, 2));
                if (attempt.Hedged)
                {
                    json.WriteBoolean("hedged", true);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "request id={RequestId} key={KeyName} model={Model} provider={Provider} upstream_model={UpstreamModel} status={Status} stream={Stream} latency_ms={LatencyMs} ttft_ms={TtftMs} tokens_in={TokensIn} tokens_out={TokensOut} attempts={Attempts} error={Error}")]
    private static partial void LogRequest(ILogger logger, string requestId, string keyName, string model, string provider, string upstreamModel,
        int status, bool stream, double latencyMs, string ttftMs, long tokensIn, long tokensOut, int attempts, string error);
}
