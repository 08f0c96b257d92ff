using BenchmarkDotNet.Attributes;
using FlowRouter.Core.Config;
using FlowRouter.Providers;
using FlowRouter.Routing;
using FlowRouter.Routing.Combos;
using FlowRouter.Routing.Failures;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// The routing decision for one request through a 5-target combo: order the targets by the combo's strategy
/// (into a pooled plan), then check rests and pick a key for each target the way the attempt loop does, up to the
/// first usable one. "Healthy" has no rests at all; "FirstResting" has the first target's only key resting, so
/// the decision walks past it. Target: ≤ 2 µs and no allocation per decision.
/// </summary>
[MemoryDiagnoser]
public class RoutingDecision
{
    private readonly List<ProviderRuntime> _providers = [];
    private RoutingRuntime _healthy = null!;
    private RoutingRuntime _firstResting = null!;
    private Resolution _priority = null!;
    private Resolution _weighted = null!;

    [GlobalSetup]
    public void Setup()
    {
        var targets = new List<Target>();
        for (int i = 0; i < 5; i++)
        {
            var provider = new ProviderRuntime(new ProviderConfig
            {
                Id = "p" + i,
                Type = ProviderType.OpenAI,
                BaseUrl = "http://127.0.0.1:9/v1",
                ApiKeys = ["sk-one-" + i, "sk-two-" + i],
            }, TimeoutSettings.Default);
            _providers.Add(provider);
            targets.Add(new Target(provider, "model-" + i));
        }
        _priority = Combo(ComboStrategy.Priority, targets);
        _weighted = Combo(ComboStrategy.Weighted, targets);
        _healthy = new RoutingRuntime(new RoutingConfig(), TimeProvider.System);
        _firstResting = new RoutingRuntime(new RoutingConfig(), TimeProvider.System);
        var rateLimit = new FailureRule { Name = "rate-limit", Cooldown = CooldownKind.Fixed, Duration = TimeSpan.FromHours(1), Scope = CooldownScope.Key };
        _firstResting.Book.Cool("p0", 0, "model-0", rateLimit, null);
        _firstResting.Book.Cool("p0", 1, "model-0", rateLimit, null);
    }

    private static Resolution Combo(ComboStrategy strategy, List<Target> targets)
    {
        var combo = new ComboNode("c", strategy);
        foreach (var target in targets)
        {
            combo.Children.Add(new ComboChild(target, null, 2));
        }
        return new Resolution(targets, null) { Combo = combo };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private static int Decide(RoutingRuntime routing, Resolution resolution)
    {
        using var plan = routing.Plan(resolution, new RequestEstimate(2000, 1000));
        for (int i = 0; i < plan.Count; i++)
        {
            int key = routing.PickKey(plan[i], 0, out _, out _);
            if (key >= 0)
            {
                routing.Book.EndProbe(plan[i].Provider.Id, key, plan[i].Model);
                return i * 64 + key;
            }
        }
        return -1;
    }

    [Benchmark]
    public int PlanOnly()
    {
        using var plan = _healthy.Plan(_priority, new RequestEstimate(2000, 1000));
        return plan.Count;
    }

    [Benchmark]
    public int PickOnly() => _healthy.PickKey(_priority.Targets[0], 0, out _, out _);

    [Benchmark(Baseline = true)]
    public int Priority_Healthy() => Decide(_healthy, _priority);

    [Benchmark]
    public int Weighted_Healthy() => Decide(_healthy, _weighted);

    [Benchmark]
    public int Priority_FirstResting() => Decide(_firstResting, _priority);

    [Benchmark]
    public int Weighted_FirstResting() => Decide(_firstResting, _weighted);
}
