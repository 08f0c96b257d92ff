using System.Collections.Concurrent;
using FlowRouter.Providers.Http;

namespace FlowRouter.Routing;

/// <summary>
/// Each provider key's last known rate-limit figures (limits, remaining, resets), from the headers of its latest
/// answer. A key whose remaining requests or tokens are nearly gone is passed over while another key can serve, so
/// it is not spent into a 429; the figures are also what GET /api/quota shows.
/// </summary>
public sealed class QuotaBook
{
    private readonly ConcurrentDictionary<(string Provider, int Key), RateLimitSnapshot> _latest = new();

    public void Record(string provider, int key, RateLimitSnapshot? snapshot)
    {
        if (snapshot is not null)
        {
            _latest[(provider, key)] = snapshot;
        }
    }

    public RateLimitSnapshot? Latest(string provider, int key) => _latest.TryGetValue((provider, key), out var snapshot) ? snapshot : null;

    /// <summary>Until when the key's own figures say it is spent, or null when they say nothing of the kind.</summary>
    public DateTimeOffset? BlockedUntil(string provider, int key, DateTimeOffset now) =>
        _latest.IsEmpty ? null : Latest(provider, key)?.BlockedUntil(now);
}
