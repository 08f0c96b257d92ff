using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace FlowRouter.IntegrationTests;

/// <summary>What a fuzz run saw: statuses per route, and the few bodies behind each kind of failure (for the message).</summary>
internal sealed class FuzzTally
{
    private readonly ConcurrentDictionary<(string Route, int Status), int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _mutations = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private int _bodies;
    private int _hangs;
    private int _wrongShapes;

    public int Bodies => _bodies;
    public int ServerErrors => _statuses.Where(s => s.Key.Status == 500).Sum(s => s.Value);
    public int Hangs => _hangs;
    public int WrongShapes => _wrongShapes;
    public IReadOnlyCollection<string> Failures => _failures;

    public void Count(FuzzRoute route, int status, List<string> mutations)
    {
        Interlocked.Increment(ref _bodies);
        _statuses.AddOrUpdate((route.Name, status), 1, (_, n) => n + 1);
        foreach (string kind in mutations)
        {
            _mutations.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    }

    public void Hang(FuzzRoute route, int index, byte[] body)
    {
        Interlocked.Increment(ref _hangs);
        Sample($"{route} #{index}: no answer in time; body {Preview(body)}");
    }

    public void ServerError(FuzzRoute route, int index, byte[] answer, byte[] body) =>
        Sample($"{route} #{index}: 500 {Encoding.UTF8.GetString(answer)}; body {Preview(body)}");

    public void WrongShape(FuzzRoute route, int index, int status, byte[] answer)
    {
        Interlocked.Increment(ref _wrongShapes);
        Sample($"{route} #{index}: {status} not in the client's error shape: {Preview(answer)}");
    }

    public void Sample(string failure)
    {
        if (_failures.Count < 20)
        {
            _failures.Enqueue(failure);
        }
    }

    /// <summary>Bodies and statuses per route, then mutation counts: the figure bench/RESULTS.md quotes.</summary>
    public string Report(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_bodies} bodies in {elapsed.TotalSeconds:0.0} s ({_bodies / Math.Max(elapsed.TotalSeconds, 0.001):0} per second); 500s: {ServerErrors}; hangs: {Hangs}; 4xx not in the client's shape: {WrongShapes}\n");
        foreach (var route in _statuses.GroupBy(s => s.Key.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string statuses = string.Join(", ", route.OrderBy(s => s.Key.Status).Select(s => $"{s.Key.Status}×{s.Value}"));
            text.Append(CultureInfo.InvariantCulture, $"  {route.Key}: {route.Sum(s => s.Value)} bodies: {statuses}\n");
        }
        text.Append("  mutations: ").AppendJoin(", ", _mutations.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {m.Value}")).Append('\n');
        return text.ToString();
    }

    private static string Preview(byte[] bytes) =>
        Convert.ToBase64String(bytes, 0, Math.Min(bytes.Length, 600)) + (bytes.Length > 600 ? $"… ({bytes.Length} bytes, base64)" : " (base64)");
}
