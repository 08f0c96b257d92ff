namespace FlowRouter.Providers.Http;

/// <summary>
/// What one upstream answer said about its key's rate limits, normalised across vendors (see
/// <see cref="RateLimitHeaders"/>): request and token budgets of the current window, when each resets, and an
/// explicit retry time. Any figure may be unknown. Resets are absolute times, computed against the clock reading
/// the response was observed at (<see cref="ObservedAt"/>).
/// </summary>
public sealed record RateLimitSnapshot(
    long? RequestsLimit,
    long? RequestsRemaining,
    DateTimeOffset? RequestsReset,
    long? TokensLimit,
    long? TokensRemaining,
    DateTimeOffset? TokensReset,
    DateTimeOffset? RetryAfter,
    DateTimeOffset ObservedAt)
{
    /// <summary>Below 2 % of the window left, a key is treated as spent (one more long prompt would fail).</summary>
    public const double DefaultFraction = 0.02;

    /// <summary>
    /// True when this key should be avoided until a reset: see <see cref="BlockedUntil"/>.
    /// </summary>
    public bool NearlyExhausted(DateTimeOffset now, double fraction = DefaultFraction) => BlockedUntil(now, fraction) is not null;

    /// <summary>
    /// When the key is worth trying again, or null when it is usable now. A budget (requests or tokens) blocks when
    /// its remaining count is at or below max(1, <paramref name="fraction"/> × limit) and its reset is known and
    /// still in the future; a <see cref="RetryAfter"/> in the future blocks too. The latest of the blocking times
    /// wins. A budget whose reset is unknown never blocks: the caller's cooldown rules handle real failures.
    /// </summary>
    public DateTimeOffset? BlockedUntil(DateTimeOffset now, double fraction = DefaultFraction)
    {
        DateTimeOffset? until = RetryAfter > now ? RetryAfter : null;
        if (IsLow(RequestsLimit, RequestsRemaining, fraction) && RequestsReset > now)
        {
            until = Later(until, RequestsReset.Value);
        }
        if (IsLow(TokensLimit, TokensRemaining, fraction) && TokensReset > now)
        {
            until = Later(until, TokensReset.Value);
        }
        return until;
    }

    private static bool IsLow(long? limit, long? remaining, double fraction) =>
        remaining is long left && left <= Math.Max(1d, fraction * (limit ?? 0));

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
