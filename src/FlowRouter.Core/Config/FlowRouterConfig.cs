namespace FlowRouter.Core.Config;

/// <summary>The whole validated configuration: what the server runs with.</summary>
public sealed record FlowRouterConfig
{
    public ServerConfig Server { get; init; } = new();
    public IReadOnlyList<ProviderConfig> Providers { get; init; } = [];
    public IReadOnlyList<ComboConfig> Combos { get; init; } = [];
    public IReadOnlyList<ClientKeyConfig> Keys { get; init; } = [];
    public RoutingConfig Routing { get; init; } = new();

    /// <summary>The file it was read from, or null when running from defaults and the environment.</summary>
    public string? SourcePath { get; init; }

    /// <summary>True when /v1 calls must present a client key.</summary>
    public bool KeysRequired => Server.RequireKey || Keys.Count > 0;
}
