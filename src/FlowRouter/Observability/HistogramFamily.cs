using System.Collections.Concurrent;

namespace FlowRouter.Observability;

/// <summary>
/// A Prometheus histogram with labels and fixed upper bounds. Each series counts per bucket (not cumulatively) with
/// <see cref="Interlocked"/> on an array; the cumulative form is made when scraped.
/// </summary>
internal sealed class HistogramFamily(string name, string help, double[] bounds, params string[] labelNames)
{
    private readonly ConcurrentDictionary<MetricLabels, Series> _series = new();

    public string Name => name;
    public IReadOnlyList<double> Bounds => bounds;

    public void Observe(MetricLabels labels, double value)
    {
        var series = _series.GetOrAdd(labels, static (_, count) => new Series(count), bounds.Length + 1);
        int bucket = 0;
        while (bucket < bounds.Length && value > bounds[bucket])
        {
            bucket++;
        }
        Interlocked.Increment(ref series.Buckets[bucket]);
        AtomicDouble.Add(ref series.Sum, value);
        Interlocked.Increment(ref series.Count);
    }

    /// <summary>Cumulative bucket counts of one series (bounds in order, then +Inf), or null when never observed.</summary>
    public long[]? Cumulative(MetricLabels labels) => _series.TryGetValue(labels, out var series) ? series.CumulativeCounts() : null;

    public void WriteTo(PrometheusTextWriter writer)
    {
        writer.Header(name, help, "histogram");
        foreach (var (labels, series) in _series)
        {
            long[] cumulative = series.CumulativeCounts();
            for (int i = 0; i < bounds.Length; i++)
            {
                writer.Sample(name + "_bucket", labelNames, labels, cumulative[i], ("le", PrometheusTextWriter.Number(bounds[i])));
            }
            writer.Sample(name + "_bucket", labelNames, labels, cumulative[^1], ("le", "+Inf"));
            writer.Sample(name + "_sum", labelNames, labels, Volatile.Read(ref series.Sum));
            // _count equals the +Inf bucket by definition; taking it from there keeps the two consistent mid-scrape.
            writer.Sample(name + "_count", labelNames, labels, cumulative[^1]);
        }
    }

    private sealed class Series(int buckets)
    {
        public readonly long[] Buckets = new long[buckets];
        public double Sum;
        public long Count;

        public long[] CumulativeCounts()
        {
            var result = new long[Buckets.Length];
            long running = 0;
            for (int i = 0; i < Buckets.Length; i++)
            {
                running += Interlocked.Read(ref Buckets[i]);
                result[i] = running;
            }
            return result;
        }
    }
}
