using FlowRouter.Providers;

namespace FlowRouter.Routing;

/// <summary>One place a request can go: a provider and the model name that provider knows it by.</summary>
public sealed record Target(ProviderRuntime Provider, string Model)
{
    public string Address => Provider.Id + "/" + Model;
}
