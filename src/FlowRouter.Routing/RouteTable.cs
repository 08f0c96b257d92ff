using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Providers;
using FlowRouter.Routing.Combos;

namespace FlowRouter.Routing;

/// <summary>
/// An immutable snapshot of everything routing needs: providers, the models each serves, combos flattened to their
/// targets. Built once per config (or model-list) change and swapped atomically; requests only read it.
/// </summary>
public sealed class RouteTable
{
    private const int MaxListedSuggestions = 12;

    private readonly Dictionary<string, ProviderRuntime> _providers;
    private readonly Dictionary<string, IReadOnlyList<string>> _modelsByProvider;
    private readonly Dictionary<string, List<ProviderRuntime>> _providersByModel;
    private readonly Dictionary<string, IReadOnlyList<Target>> _combos;
    private readonly Dictionary<string, ComboNode> _comboNodes;

    public RouteTable(FlowRouterConfig config, IReadOnlyList<ProviderRuntime> providers, IReadOnlyDictionary<string, IReadOnlyList<string>> discoveredModels)
    {
        Config = config;
        _providers = providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _modelsByProvider = new(StringComparer.Ordinal);
        _providersByModel = new(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            var models = provider.Config.Models ?? (discoveredModels.TryGetValue(provider.Id, out var found) ? found : []);
            _modelsByProvider[provider.Id] = models;
            if (!provider.Config.Enabled)
            {
                continue;
            }
            foreach (string model in models)
            {
                if (!_providersByModel.TryGetValue(model, out var serving))
                {
                    _providersByModel[model] = serving = [];
                }
                serving.Add(provider);
            }
        }
        _combos = ComboFlattener.Flatten(config.Combos, this);
        _comboNodes = ComboBuilder.Build(config.Combos, this);
    }

    public FlowRouterConfig Config { get; }
    public IReadOnlyCollection<ProviderRuntime> Providers => _providers.Values;
    public IReadOnlyCollection<string> ComboNames => _combos.Keys;

    public IReadOnlyList<string> ModelsOf(string providerId) =>
        _modelsByProvider.TryGetValue(providerId, out var models) ? models : [];

    /// <summary>
    /// Resolves a client's model address: a combo name, "provider/model", or a bare model name served by exactly one
    /// enabled provider. Bare names may contain slashes (vLLM serves "meta-llama/…"), so a prefix that is not a
    /// provider id falls back to a bare lookup.
    /// </summary>
    public Resolution Resolve(string address)
    {
        if (_combos.TryGetValue(address, out var comboTargets))
        {
            return Resolution.Of(comboTargets) with { Combo = _comboNodes[address] };
        }
        int slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && _providers.TryGetValue(address[..slash], out var provider))
        {
            return ResolveOnProvider(provider, address[(slash + 1)..]);
        }
        return ResolveBare(address);
    }

    internal Resolution ResolveOnProvider(ProviderRuntime provider, string model)
    {
        if (!provider.Config.Enabled)
        {
            return Resolution.Fail(GatewayError.NotFound($"Provider '{provider.Id}' is disabled. {EnabledProvidersHint()}"));
        }
        if (model.Length == 0)
        {
            return Resolution.Fail(GatewayError.NotFound($"No model given after '{provider.Id}/'. Try one of: {List(ModelsOf(provider.Id).Select(m => provider.Id + "/" + m))}"));
        }
        // A configured model list is a promise about what the provider serves; a discovered one may lag behind it.
        if (provider.Config.Models is { } configured && !configured.Contains(model))
        {
            return Resolution.Fail(GatewayError.NotFound(
                $"Model '{model}' is not configured for provider '{provider.Id}'. Try one of: {List(configured.Select(m => provider.Id + "/" + m))}"));
        }
        return Resolution.Of([new Target(provider, model)]);
    }

    private Resolution ResolveBare(string model)
    {
        if (_providersByModel.TryGetValue(model, out var serving))
        {
            if (serving.Count == 1)
            {
                return Resolution.Of([new Target(serving[0], model)]);
            }
            return Resolution.Fail(GatewayError.InvalidRequest(
                $"Model '{model}' is ambiguous: it is served by {serving.Count} providers. Address one of: {List(serving.Select(p => p.Id + "/" + model))}", "model"));
        }
        return Resolution.Fail(new GatewayError(ErrorKind.NotFound, 404, UnknownModelMessage(model)) { Param = "model", Code = "model_not_found" });
    }

    private string UnknownModelMessage(string model)
    {
        var suggestions = Addresses()
            .Where(a => a.Contains(model, StringComparison.OrdinalIgnoreCase) || model.Contains(a[(a.IndexOf('/', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase))
            .Take(MaxListedSuggestions)
            .ToList();
        if (suggestions.Count == 0)
        {
            suggestions = Addresses().Take(MaxListedSuggestions).ToList();
        }
        string hint = suggestions.Count > 0
            ? $"Addresses that work include: {List(suggestions)}."
            : _providers.Count == 0 ? "No provider is configured yet." : EnabledProvidersHint();
        return $"Unknown model '{model}'. Use provider/model, a combo name, or a model name served by exactly one provider. {hint} GET /v1/models lists them all.";
    }

    private string EnabledProvidersHint()
    {
        var enabled = _providers.Values.Where(p => p.Config.Enabled).Select(p => p.Id + "/<model>").ToList();
        return enabled.Count == 0 ? "No provider is enabled." : $"Enabled providers: {List(enabled)}.";
    }

    /// <summary>Every address a client can use: combos, provider/model for each known model, unambiguous bare names.</summary>
    public IEnumerable<string> Addresses()
    {
        foreach (string combo in _combos.Keys)
        {
            yield return combo;
        }
        foreach (var provider in _providers.Values)
        {
            if (!provider.Config.Enabled)
            {
                continue;
            }
            foreach (string model in ModelsOf(provider.Id))
            {
                yield return provider.Id + "/" + model;
            }
        }
        foreach (var (model, serving) in _providersByModel)
        {
            if (serving.Count == 1 && !_combos.ContainsKey(model))
            {
                yield return model;
            }
        }
    }

    /// <summary>Which provider owns a bare model name, for listing; null when none or several.</summary>
    public ProviderRuntime? SoleProviderOf(string model) =>
        _providersByModel.TryGetValue(model, out var serving) && serving.Count == 1 ? serving[0] : null;

    internal bool TryGetProvider(string id, out ProviderRuntime provider) => _providers.TryGetValue(id, out provider!);

    private static string List(IEnumerable<string> items) => string.Join(", ", items);
}
