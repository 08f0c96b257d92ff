namespace FlowRouter.Storage;

/// <summary>One group of the request log (a day, an hour, a provider, a model, a client key or the total) with its sums and percentiles.</summary>
public sealed record UsageAggregate
{
    public required string Group { get; init; }
    public long Requests { get; init; }
    public long Errors { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CachedTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public decimal CostUsd { get; init; }
    public double? LatencyP50Ms { get; init; }
    public double? LatencyP95Ms { get; init; }
    public double? TtftP50Ms { get; init; }
    public double? TtftP95Ms { get; init; }

    /// <summary>Tokens of the tool output the token saver condensed, before and after.</summary>
    public long ToolTokensBefore { get; init; }

    /// <inheritdoc cref="ToolTokensBefore"/>
    public long ToolTokensAfter { get; init; }
}

/// <summary>What the admin API's usage view groups by.</summary>
public enum UsageDimension
{
    Day,
    Hour,
    Provider,
    Model,
    Key,

    /// <summary>One group, "total", over the whole period: percentiles of every request, which per-group ones cannot give.</summary>
    Total,
}

/// <summary>A page of the request log: newest first, before a cursor, optionally filtered.</summary>
public sealed record RequestLogQuery
{
    public int Limit { get; init; } = 50;
    public DateTimeOffset? Before { get; init; }
    public DateTimeOffset? Since { get; init; }
    public string? Key { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public int? Status { get; init; }

    /// <summary>One request by its id (x-flowrouter-request-id).</summary>
    public string? Id { get; init; }
}
