namespace FlowRouter.Routing;

/// <summary>
/// One try at one target, for the request log: where it went (and which of the provider's keys, by position), how
/// it ended, which failure rule fired, how long it took.
/// </summary>
public sealed record AttemptRecord(string Target, int? Status, string Outcome, TimeSpan Elapsed)
{
    /// <summary>The position of the provider key used (0-based), or null when none was sent.</summary>
    public int? Key { get; init; }

    /// <summary>The failure rule that matched, or null for a success or a skip.</summary>
    public string? Rule { get; init; }

    /// <summary>True for a target passed over without a call (resting, unusable, too small a context window).</summary>
    public bool Skipped => Outcome.StartsWith("skipped", StringComparison.Ordinal);

    /// <summary>True for an attempt started by hedging beside a slow one.</summary>
    public bool Hedged { get; init; }
}
