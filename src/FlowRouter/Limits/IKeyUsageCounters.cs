namespace FlowRouter.Limits;

/// <summary>
/// What each client key used recently: requests and tokens in the last minute, dollars today and this month (UTC).
/// In memory here (<see cref="InMemoryKeyUsageCounters"/>); several instances sharing limits need a shared store
/// (Redis) behind this same interface.
/// </summary>
internal interface IKeyUsageCounters
{
    /// <summary>Counts a request unless the key already made <paramref name="limit"/> in the last minute; then false and when one frees up.</summary>
    bool TryCountRequest(string key, int limit, DateTimeOffset now, out TimeSpan retryAfter);

    long TokensInLastMinute(string key, DateTimeOffset now);

    decimal SpentToday(string key, DateTimeOffset now);

    decimal SpentThisMonth(string key, DateTimeOffset now);

    void RecordUsage(string key, long tokens, decimal cost, DateTimeOffset now);
}
