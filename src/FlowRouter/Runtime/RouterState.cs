using FlowRouter.Core.Config;
using FlowRouter.Providers;
using FlowRouter.Routing;

namespace FlowRouter.Runtime;

/// <summary>
/// Owns the running config's provider runtimes and the current <see cref="RouteTable"/>. Readers take the table with
/// one volatile read; a model-list change builds a new table and swaps it in, so a request never sees half an update.
/// </summary>
internal sealed class RouterState : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly IReadOnlyList<ProviderRuntime> _providers;
    private Dictionary<string, IReadOnlyList<string>> _discovered = new(StringComparer.Ordinal);
    private volatile RouteTable _routes;

    public RouterState(FlowRouterConfig config, Func<ProviderConfig, HttpMessageHandler?>? handlerFactory = null)
    {
        Config = config;
        _providers = config.Providers.Select(p => new ProviderRuntime(p, config.Server.Timeouts, handlerFactory?.Invoke(p))).ToArray();
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

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
