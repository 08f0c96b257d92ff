namespace FlowRouter.Storage;

/// <summary>One answered (or refused) client request, as the request log keeps it. Never holds a prompt or a secret.</summary>
public sealed record RequestLogRow
{
    public required string Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public string? KeyName { get; init; }
    public string? Ingress { get; init; }
    public string? RequestedModel { get; init; }
    public string? Provider { get; init; }
    public string? UpstreamModel { get; init; }
    public int Status { get; init; }
    public bool Stream { get; init; }
    public double LatencyMs { get; init; }
    public double? TtftMs { get; init; }
    public long? InputTokens { get; init; }
    public long? OutputTokens { get; init; }
    public long? CachedTokens { get; init; }
    public long? ReasoningTokens { get; init; }
    public int Attempts { get; init; }
    public string? Error { get; init; }

    /// <summary>Every attempt as a JSON array: target, key position, status, outcome, failure rule, milliseconds, hedged.</summary>
    public string? AttemptsJson { get; init; }

    /// <summary>Prompt tokens written to the provider's cache (inside <see cref="InputTokens"/>, like <see cref="CachedTokens"/>).</summary>
    public long? CacheWriteTokens { get; init; }

    /// <summary>List-price cost in USD of the upstream model that answered (catalog, cache-aware); null when unpriced.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Bytes of the client's request body.</summary>
    public long? RequestBytes { get; init; }

    /// <summary>Bytes of the response body sent to the client.</summary>
    public long? ResponseBytes { get; init; }

    /// <summary>o200k tokens of the tool output the token saver condensed, before (null: it condensed nothing).</summary>
    public long? ToolTokensBefore { get; init; }

    /// <summary>The same tool output's tokens after condensing.</summary>
    public long? ToolTokensAfter { get; init; }
}
