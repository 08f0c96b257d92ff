using System.Collections.Concurrent;

namespace FlowRouter.Routing.Combos;

/// <summary>
/// Time to first event per target (by address): an exponentially weighted moving average for least-latency
/// ordering, and a small window of recent samples for hedging at the p95.
/// </summary>
public sealed class LatencyBook
{
    /// <summary>Weight of the newest sample in the average.</summary>
    public const double Alpha = 0.2;

    private const int Window = 64;

    private readonly ConcurrentDictionary<string, Stats> _byTarget = new(StringComparer.Ordinal);

    public void Record(string address, TimeSpan timeToFirstEvent)
    {
        var stats = _byTarget.GetOrAdd(address, _ => new Stats());
        double ms = timeToFirstEvent.TotalMilliseconds;
        lock (stats)
        {
            stats.Average = stats.Count == 0 ? ms : Alpha * ms + (1 - Alpha) * stats.Average;
            stats.Recent[stats.Count % Window] = ms;
            stats.Count++;
        }
    }

    /// <summary>The moving average in milliseconds, or null before the first sample.</summary>
    public double? AverageMs(string address)
    {
        if (!_byTarget.TryGetValue(address, out var stats))
        {
            return null;
        }
        lock (stats)
        {
            return stats.Count == 0 ? null : stats.Average;
        }
    }

    /// <summary>The 95th percentile of the recent samples, or null with fewer than 5 of them.</summary>
    public TimeSpan? P95(string address)
    {
        if (!_byTarget.TryGetValue(address, out var stats))
        {
            return null;
        }
        double[] samples;
        lock (stats)
        {
            int n = Math.Min(stats.Count, Window);
            if (n < 5)
            {
                return null;
            }
            samples = stats.Recent[..n];
        }
        Array.Sort(samples);
        return TimeSpan.FromMilliseconds(samples[(int)Math.Ceiling(0.95 * samples.Length) - 1]);
    }

    private sealed class Stats
    {
        public double Average { get; set; }
        public int Count { get; set; }
        public double[] Recent { get; } = new double[Window];
    }
}
