using FlowRouter.Core.Config;

namespace FlowRouter.Routing.Combos;

/// <summary>
/// A combo as routing uses it: its strategy and its children, each a target or another combo (ordered by its own
/// strategy when its turn comes). Built once per route table; the round-robin counter is its only moving part.
/// </summary>
public sealed class ComboNode(string name, ComboStrategy strategy)
{
    private int _turn = -1;

    public string Name { get; } = name;
    public ComboStrategy Strategy { get; } = strategy;
    public List<ComboChild> Children { get; } = [];

    /// <summary>Start the next target when the first has not produced its first event after this long; null: no hedging.</summary>
    public TimeSpan? HedgeAfter { get; init; }

    /// <summary>Hedge after the first target's observed p95 time to first event instead of a fixed delay.</summary>
    public bool HedgeAtP95 { get; init; }

    /// <summary>Timeouts for every attempt made through this combo, or null for each provider's own.</summary>
    public TimeoutSettings? Timeouts { get; init; }

    /// <summary>The next round-robin starting position.</summary>
    internal int NextTurn() => Interlocked.Increment(ref _turn);
}

/// <summary>One child of a combo: a target or a nested combo, with its weight for the weighted strategy.</summary>
public readonly record struct ComboChild(Target? Target, ComboNode? Combo, int Weight = 1);
