using FlowRouter.Core.Config;
using FlowRouter.Providers;
using FlowRouter.Routing;
using FlowRouter.Routing.Combos;

namespace FlowRouter.UnitTests.Routing;

public sealed class TargetOrdererTests
{
    private static readonly ProviderRuntime Provider = new(new ProviderConfig { Id = "p", Type = ProviderType.OpenAI, BaseUrl = "http://127.0.0.1:9/v1" }, TimeoutSettings.Default);

    private static Target T(string model) => new(Provider, model);

    private static ComboNode Combo(ComboStrategy strategy, params (string Model, int Weight)[] targets)
    {
        var combo = new ComboNode("c", strategy);
        foreach (var (model, weight) in targets)
        {
            combo.Children.Add(new ComboChild(T(model), null, weight));
        }
        return combo;
    }

    private static List<string> Order(TargetOrderer orderer, ComboNode combo)
    {
        var buffer = new Target[16];
        int count = 0;
        orderer.Order(combo, buffer, ref count, new RequestEstimate(1000, 1000));
        return buffer.Take(count).Select(t => t.Model).ToList();
    }

    private static TargetOrderer Orderer(Func<double>? random = null, LatencyBook? latency = null, Func<Target, RequestEstimate, decimal?>? cost = null) =>
        new(latency ?? new LatencyBook(), random ?? new Random(7).NextDouble, cost ?? ((_, _) => null));

    [Fact]
    public void Priority_KeepsTheListedOrder() =>
        Assert.Equal(["a", "b", "c"], Order(Orderer(), Combo(ComboStrategy.Priority, ("a", 1), ("b", 1), ("c", 1))));

    [Fact]
    public void RoundRobin_EachRequestStartsOneFurtherAndTheRestFollowInOrder()
    {
        var orderer = Orderer();
        var combo = Combo(ComboStrategy.RoundRobin, ("a", 1), ("b", 1), ("c", 1));
        Assert.Equal(["a", "b", "c"], Order(orderer, combo));
        Assert.Equal(["b", "c", "a"], Order(orderer, combo));
        Assert.Equal(["c", "a", "b"], Order(orderer, combo));
        Assert.Equal(["a", "b", "c"], Order(orderer, combo));
    }

    [Fact]
    public void Weighted_FirstPicksFollowTheWeightsAndEveryTargetStaysAsFallback()
    {
        var orderer = Orderer(new Random(42).NextDouble);
        var combo = Combo(ComboStrategy.Weighted, ("heavy", 3), ("light", 1));
        var firsts = Enumerable.Range(0, 4000).Select(_ => Order(orderer, combo)).ToList();
        double heavyShare = firsts.Count(o => o[0] == "heavy") / 4000.0;
        Assert.InRange(heavyShare, 0.72, 0.78);
        Assert.All(firsts, o => Assert.Equal(2, o.Distinct().Count()));
    }

    [Fact]
    public void Weighted_ZeroWeightComesOnlyAsFallback()
    {
        var orderer = Orderer(new Random(1).NextDouble);
        var combo = Combo(ComboStrategy.Weighted, ("backup", 0), ("main", 5));
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(["main", "backup"], Order(orderer, combo)));
    }

    [Fact]
    public void Random_EveryTargetComesFirstRoughlyEquallyOften()
    {
        var orderer = Orderer(new Random(3).NextDouble);
        var combo = Combo(ComboStrategy.Random, ("a", 1), ("b", 1), ("c", 1));
        var counts = Enumerable.Range(0, 3000).Select(_ => Order(orderer, combo)[0]).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(counts.Values, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void CostOptimal_CheapestFirstUnpricedLast()
    {
        var prices = new Dictionary<string, decimal> { ["pricey"] = 5m, ["cheap"] = 0.2m, ["mid"] = 1m };
        var orderer = Orderer(cost: (t, _) => prices.TryGetValue(t.Model, out var p) ? p : null);
        Assert.Equal(["cheap", "mid", "pricey", "unknown"], Order(orderer, Combo(ComboStrategy.CostOptimal, ("unknown", 1), ("pricey", 1), ("cheap", 1), ("mid", 1))));
    }

    [Fact]
    public void LeastLatency_FastestAverageFirstUnmeasuredBeforeAll()
    {
        var latency = new LatencyBook();
        latency.Record("p/slow", TimeSpan.FromMilliseconds(900));
        latency.Record("p/fast", TimeSpan.FromMilliseconds(120));
        latency.Record("p/fast", TimeSpan.FromMilliseconds(140));
        var orderer = Orderer(latency: latency);
        Assert.Equal(["new", "fast", "slow"], Order(orderer, Combo(ComboStrategy.LeastLatency, ("slow", 1), ("fast", 1), ("new", 1))));
    }

    [Fact]
    public void NestedCombo_ExpandsInPlaceWithItsOwnStrategyAndDuplicatesKeepTheirFirstPlace()
    {
        var inner = new ComboNode("inner", ComboStrategy.RoundRobin);
        inner.Children.Add(new ComboChild(T("x"), null));
        inner.Children.Add(new ComboChild(T("y"), null));
        var outer = new ComboNode("outer", ComboStrategy.Priority);
        outer.Children.Add(new ComboChild(T("y"), null));
        outer.Children.Add(new ComboChild(null, inner));
        outer.Children.Add(new ComboChild(T("z"), null));
        var orderer = Orderer();
        Assert.Equal(["y", "x", "z"], Order(orderer, outer));
        Assert.Equal(["y", "x", "z"], Order(orderer, outer)); // inner's turn moved to y first, which is already placed
    }

    [Fact]
    public void LatencyBook_P95NeedsFiveSamples()
    {
        var latency = new LatencyBook();
        for (int i = 1; i <= 4; i++)
        {
            latency.Record("t", TimeSpan.FromMilliseconds(i * 100));
        }
        Assert.Null(latency.P95("t"));
        for (int i = 5; i <= 20; i++)
        {
            latency.Record("t", TimeSpan.FromMilliseconds(i * 100));
        }
        Assert.Equal(TimeSpan.FromMilliseconds(1900), latency.P95("t"));
    }
}
