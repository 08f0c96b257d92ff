using System.Collections.Concurrent;

namespace FlowRouter.Observability;

/// <summary>A Prometheus counter with labels: one cell per label set, added to with a lock-free compare-and-swap.</summary>
internal sealed class CounterFamily(string name, string help, params string[] labelNames)
{
    private readonly ConcurrentDictionary<MetricLabels, Cell> _cells = new();

    public string Name => name;

    public void Add(MetricLabels labels, double amount)
    {
        if (amount > 0)
        {
            _cells.GetOrAdd(labels, static _ => new Cell()).Add(amount);
        }
    }

    public void Increment(MetricLabels labels) => Add(labels, 1);

    /// <summary>The value of one series (0 when it was never touched).</summary>
    public double Value(MetricLabels labels) => _cells.TryGetValue(labels, out var cell) ? cell.Value : 0;

    public void WriteTo(PrometheusTextWriter writer)
    {
        writer.Header(name, help, "counter");
        foreach (var (labels, cell) in _cells)
        {
            writer.Sample(name, labelNames, labels, cell.Value);
        }
    }

    private sealed class Cell
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Add(double amount) => AtomicDouble.Add(ref _value, amount);
    }
}
