namespace FlowRouter.Core.Config;

/// <summary>A named group of targets tried by a strategy; each target is a provider/model address or another combo.</summary>
public sealed record ComboConfig(string Name, string Strategy, IReadOnlyList<string> Targets)
{
    public const string PriorityStrategy = "priority";

    /// <summary>Per-target weights for the weighted strategy, parallel to <see cref="Targets"/> (1 each when absent).</summary>
    public IReadOnlyList<int>? Weights { get; init; }

    /// <summary>Start the next target when the first has not produced its first event after this long; null: no hedging.</summary>
    public TimeSpan? HedgeAfter { get; init; }

    /// <summary>Hedge after the first target's observed p95 time to first event (hedge_after: p95).</summary>
    public bool HedgeAtP95 { get; init; }

    /// <summary>Timeouts for attempts through this combo, or null for each provider's own.</summary>
    public TimeoutSettings? Timeouts { get; init; }

    /// <summary>The token saver for requests to this combo (null: the server's choice).</summary>
    public bool? TokenSaver { get; init; }

    /// <summary>Where this entry came from: "config" (the file, read-only in the admin API) or "api" (the store).</summary>
    public string Origin { get; init; } = ConfigOrigins.File;
}
