using FlowRouter.Hosting;
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
        gateway.RequestLog.Append(new RequestLogRow
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
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "request id={RequestId} key={KeyName} model={Model} provider={Provider} upstream_model={UpstreamModel} status={Status} stream={Stream} latency_ms={LatencyMs} ttft_ms={TtftMs} tokens_in={TokensIn} tokens_out={TokensOut} attempts={Attempts} error={Error}")]
    private static partial void LogRequest(ILogger logger, string requestId, string keyName, string model, string provider, string upstreamModel,
        int status, bool stream, double latencyMs, string ttftMs, long tokensIn, long tokensOut, int attempts, string error);
}
