namespace FlowRouter.Storage;

/// <summary>One group of the request log (a provider, a model or a client key) summed over a period.</summary>
public sealed record UsageSummaryRow(
    string Group, long Requests, long Errors, long InputTokens, long OutputTokens, long CachedTokens, decimal CostUsd, double AverageLatencyMs);
