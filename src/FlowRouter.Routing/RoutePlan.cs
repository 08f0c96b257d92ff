using System.Buffers;
using FlowRouter.Core.Config;

namespace FlowRouter.Routing;

/// <summary>
/// The targets of one request in the order to try them, with the combo's hedging and timeouts. The target array is
/// rented from a pool and returned when the request is done, so planning allocates nothing per request.
/// </summary>
public sealed class RoutePlan : IDisposable
{
    private Target[]? _targets;

    internal RoutePlan(Target[] targets, int count)
    {
        _targets = targets;
        Count = count;
    }

    public int Count { get; }

    public Target this[int index] => (uint)index < (uint)Count ? _targets![index] : throw new ArgumentOutOfRangeException(nameof(index));

    public TimeoutSettings? Timeouts { get; init; }

    /// <summary>Start the next target beside the first after this long without a first event; null: no hedging.</summary>
    public TimeSpan? HedgeAfter { get; init; }

    /// <summary>
    /// An auxiliary call (a token count, say), not a generation: its outcome says nothing about whether the target
    /// can generate, so it reads the cooldown and quota books but never writes them (no rest, no probe, no success).
    /// </summary>
    public bool SideCall { get; init; }

    /// <summary>A plan that tries <paramref name="targets"/> in listed order.</summary>
    public static RoutePlan Of(IReadOnlyList<Target> targets, bool sideCall = false)
    {
        var buffer = ArrayPool<Target>.Shared.Rent(Math.Max(targets.Count, 1));
        for (int i = 0; i < targets.Count; i++)
        {
            buffer[i] = targets[i];
        }
        return new RoutePlan(buffer, targets.Count) { SideCall = sideCall };
    }

    public IEnumerable<Target> Targets()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _targets![i];
        }
    }

    public void Dispose()
    {
        if (_targets is { } targets)
        {
            _targets = null;
            ArrayPool<Target>.Shared.Return(targets, clearArray: true);
        }
    }
}
