using System.Buffers;
using FlowRouter.Core.Config;
using FlowRouter.Routing.Combos;
using FlowRouter.Routing.Failures;

namespace FlowRouter.Routing;

/// <summary>
/// The moving parts of routing for one configuration: the failure rules, the cooldown book, the latency book, the
/// combo orderer, and which key of a provider a request uses. Requests plan with <see cref="Plan"/> and the attempt
/// loop consults the rest.
/// </summary>
public sealed class RoutingRuntime
{
    public RoutingRuntime(RoutingConfig config, TimeProvider time, Func<double>? random = null, Func<Target, RequestEstimate, decimal?>? cost = null)
    {
        var draw = random ?? Random.Shared.NextDouble;
        Time = time;
        PanicMode = config.PanicMode;
        Rules = new FailureRules(config.FailureRules.Select(FailureRuleMapping.From).ToArray());
        Book = new CooldownBook(time, draw);
        Latency = new LatencyBook();
        Orderer = new TargetOrderer(Latency, draw, cost ?? ((_, _) => null));
    }

    public TimeProvider Time { get; }
    public bool PanicMode { get; }
    public FailureRules Rules { get; }
    public CooldownBook Book { get; }
    public LatencyBook Latency { get; }
    public TargetOrderer Orderer { get; }
    public QuotaBook Quota { get; } = new();

    /// <summary>The order of targets for this request: the combo's strategy, or the single target.</summary>
    public RoutePlan Plan(Resolution resolution, RequestEstimate estimate)
    {
        if (resolution.Combo is not { } combo)
        {
            return RoutePlan.Of(resolution.Targets);
        }
        var buffer = ArrayPool<Target>.Shared.Rent(Math.Max(resolution.Targets.Count, 1));
        int count = 0;
        Orderer.Order(combo, buffer, ref count, estimate);
        TimeSpan? hedge = combo.HedgeAfter;
        if (combo.HedgeAtP95 && count > 0)
        {
            hedge = Latency.P95(buffer[0].Address) ?? TimeSpan.FromSeconds(3); // before there is a p95: a cautious default
        }
        return new RoutePlan(buffer, count) { Timeouts = combo.Timeouts, HedgeAfter = hedge };
    }

    /// <summary>
    /// The key position to use for <paramref name="target"/> among those not in <paramref name="tried"/>: the next
    /// in turn that is not resting (taking the probe when its rest just ended). −1 when every key rests;
    /// <paramref name="soonest"/> then says which rest ends first and <paramref name="soonestKey"/> its key.
    /// </summary>
    public int PickKey(Target target, ulong tried, out Rest? soonest, out int soonestKey)
    {
        soonest = null;
        soonestKey = -1;
        int keys = Math.Max(target.Provider.Config.ApiKeys.Count, 1);
        int start = keys == 1 ? 0 : (int)((uint)target.Provider.NextKeyTurn() % (uint)keys);
        var now = Time.GetUtcNow();
        int spent = -1; // a key whose own figures say it is nearly spent: used only when no other key can serve
        for (int j = 0; j < keys && j < 64; j++)
        {
            int key = (start + j) % keys;
            if ((tried & (1UL << key)) != 0)
            {
                continue;
            }
            if (keys > 1 && Quota.BlockedUntil(target.Provider.Id, key, now) is not null)
            {
                spent = spent < 0 && Book.RestOf(target.Provider.Id, key, target.Model) is null ? key : spent;
                continue;
            }
            var rest = Book.RestOf(target.Provider.Id, key, target.Model);
            if (rest is null && Book.TryBeginProbe(target.Provider.Id, key, target.Model))
            {
                return key;
            }
            var state = rest ?? new Rest(Time.GetUtcNow(), "probe", false, ProbeDue: true);
            if (!state.Disabled && (soonest is null || state.Until < soonest.Value.Until))
            {
                soonest = state;
                soonestKey = key;
            }
        }
        return spent >= 0 && Book.TryBeginProbe(target.Provider.Id, spent, target.Model) ? spent : -1;
    }

    /// <summary>
    /// For a side call (<see cref="RoutePlan.SideCall"/>): the next key in turn not in <paramref name="tried"/> that is
    /// not resting, without taking a probe (a count must not use up the one request a recovering provider is given).
    /// </summary>
    public int PickRestedKey(Target target, ulong tried, out Rest? soonest, out int soonestKey)
    {
        soonest = null;
        soonestKey = -1;
        int keys = Math.Min(Math.Max(target.Provider.Config.ApiKeys.Count, 1), 64);
        for (int key = 0; key < keys; key++)
        {
            if ((tried & (1UL << key)) != 0)
            {
                continue;
            }
            if (Book.RestOf(target.Provider.Id, key, target.Model) is not { } rest)
            {
                return key;
            }
            if (!rest.Disabled && (soonest is null || rest.Until < soonest.Value.Until))
            {
                soonest = rest;
                soonestKey = key;
            }
        }
        return -1;
    }
}
