using FlowRouter.Providers;

namespace FlowRouter.Routing;

/// <summary>One place a request can go: a provider and the model name that provider knows it by.</summary>
public sealed record Target(ProviderRuntime Provider, string Model)
{
    /// <summary>provider/model, built once: routing compares and looks up by it on every request.</summary>
    public string Address { get; } = Provider.Id + "/" + Model;
}
