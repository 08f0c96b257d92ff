namespace FlowRouter.Core.Config;

/// <summary>The routing: section: failure handling and tier routing shared by every combo.</summary>
public sealed record RoutingConfig
{
    /// <summary>When every target is resting, try the one whose rest ends first instead of failing.</summary>
    public bool PanicMode { get; init; } = true;

    /// <summary>Failure rules checked before the shipped defaults (first match wins).</summary>
    public IReadOnlyList<FailureRuleConfig> FailureRules { get; init; } = [];

    /// <summary>Cost-tier routing, or null when off.</summary>
    public TiersConfig? Tiers { get; init; }

    /// <summary>A model catalog file whose entries override the built-in ones, or null.</summary>
    public string? CatalogPath { get; init; }
}

/// <summary>One configured failure rule, as written in the config (see the Routing project's FailureRule).</summary>
public sealed record FailureRuleConfig
{
    public required string Name { get; init; }
    public IReadOnlyList<int>? Statuses { get; init; }
    public bool NoAnswer { get; init; }
    public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>next-target | next-key | fail-client | next-larger-context.</summary>
    public string Action { get; init; } = "next-target";

    /// <summary>none | fixed | backoff | retry-after | until-reset | disable.</summary>
    public string Cooldown { get; init; } = "none";

    public TimeSpan Duration { get; init; }

    /// <summary>key-model | key | model.</summary>
    public string Scope { get; init; } = "key-model";
}

/// <summary>Cost-tier routing: a model alias that picks the combo for the request's classified complexity.</summary>
public sealed record TiersConfig(string Alias, string Simple, string Medium, string Complex);
