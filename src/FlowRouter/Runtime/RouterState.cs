using FlowRouter.Core.Config;
using FlowRouter.Providers;
using FlowRouter.Routing;

namespace FlowRouter.Runtime;

/// <summary>
/// Owns one config snapshot's provider runtimes and the current <see cref="RouteTable"/>. Readers take the table with
/// one volatile read; a model-list change builds a new table and swaps it in, so a request never sees half an update.
/// Built from a previous state, it keeps that state's runtimes (their pooled connections and key turns) for every
/// provider whose entry did not change, and the models discovered for providers still at the same address.
/// </summary>
internal sealed class RouterState
{
    private readonly Lock _writeLock = new();
    private readonly IReadOnlyList<ProviderRuntime> _providers;
    private Dictionary<string, IReadOnlyList<string>> _discovered;
    private volatile RouteTable _routes;

    public RouterState(FlowRouterConfig config, Func<ProviderConfig, HttpMessageHandler?>? handlerFactory = null, RouterState? previous = null)
    {
        Config = config;
        _providers = config.Providers.Select(p => Reused(previous, p) ?? new ProviderRuntime(p, config.Server.Timeouts, handlerFactory?.Invoke(p))).ToArray();
        _discovered = CarriedDiscoveries(previous, config);
        _routes = new RouteTable(config, _providers, _discovered);
    }

    public FlowRouterConfig Config { get; }
    public RouteTable Routes => _routes;
    public IReadOnlyList<ProviderRuntime> Providers => _providers;

    /// <summary>Records a provider's discovered models and publishes a new route table.</summary>
    public void SetDiscoveredModels(string providerId, IReadOnlyList<string> models)
    {
        lock (_writeLock)
        {
            var next = new Dictionary<string, IReadOnlyList<string>>(_discovered, StringComparer.Ordinal) { [providerId] = models };
            _discovered = next;
            _routes = new RouteTable(Config, _providers, next);
        }
    }

    public bool HasDiscovered(string providerId) => _discovered.ContainsKey(providerId);

    /// <summary>This state's runtimes that <paramref name="successor"/> did not take over.</summary>
    public IEnumerable<ProviderRuntime> NotKeptBy(RouterState successor) => _providers.Where(p => !successor._providers.Contains(p));

    public void DisposeProviders()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    /// <summary>The previous state's runtime for an unchanged entry (same entry, same effective timeouts), or null.</summary>
    private static ProviderRuntime? Reused(RouterState? previous, ProviderConfig config)
    {
        if (previous is null)
        {
            return null;
        }
        var timeouts = config.Timeouts ?? previous.Config.Server.Timeouts;
        return previous._providers.FirstOrDefault(p => ProviderEntries.Same(p.Config, config) && p.Timeouts == timeouts);
    }

    private static Dictionary<string, IReadOnlyList<string>> CarriedDiscoveries(RouterState? previous, FlowRouterConfig config)
    {
        var carried = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (previous is null)
        {
            return carried;
        }
        foreach (var (id, models) in previous._discovered)
        {
            var before = previous.Config.Providers.FirstOrDefault(p => p.Id == id);
            if (before is not null && config.Providers.Any(p => p.Id == id && p.BaseUrl == before.BaseUrl))
            {
                carried[id] = models;
            }
        }
        return carried;
    }
}
