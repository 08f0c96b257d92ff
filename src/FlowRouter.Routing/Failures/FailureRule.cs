namespace FlowRouter.Routing.Failures;

/// <summary>
/// One row of the failure rule table: which failed attempts it matches, what the attempt loop does next, and how
/// long what failed is left alone. A rule matches when every criterion it sets holds; unset criteria match anything.
/// </summary>
public sealed record FailureRule
{
    public required string Name { get; init; }

    /// <summary>The upstream HTTP statuses it matches, or null for any (including none: network errors).</summary>
    public IReadOnlyList<int>? Statuses { get; init; }

    /// <summary>
    /// Error kinds the provider's classifier assigned (e.g. Gemini's API_KEY_INVALID arrives as a 400 but is an
    /// authentication failure). With <see cref="Statuses"/>, either one matching is enough.
    /// </summary>
    public IReadOnlyList<FlowRouter.Core.Errors.ErrorKind>? Kinds { get; init; }

    /// <summary>True: only attempts the upstream never answered (network error, timeout).</summary>
    public bool NoAnswer { get; init; }

    /// <summary>Case-insensitive fragments looked for in the upstream error's type, code and message; any one matches.</summary>
    public IReadOnlyList<string>? Texts { get; init; }

    public RuleAction Action { get; init; } = RuleAction.NextTarget;
    public CooldownKind Cooldown { get; init; } = CooldownKind.None;

    /// <summary>For <see cref="CooldownKind.Fixed"/> and the fallback of <see cref="CooldownKind.UntilReset"/>.</summary>
    public TimeSpan Duration { get; init; }

    public CooldownScope Scope { get; init; } = CooldownScope.KeyModel;
}

/// <summary>What the attempt loop does after a failure.</summary>
public enum RuleAction
{
    /// <summary>Try the next target.</summary>
    NextTarget,

    /// <summary>Try the same target with another of the provider's keys; when none is left, the next target.</summary>
    NextKey,

    /// <summary>The client's own mistake: answer it now, every target would say the same.</summary>
    FailClient,

    /// <summary>The prompt is too long for this model: only targets with a larger context window may help.</summary>
    NextLargerContext,
}

/// <summary>How long the failed (key, model) is left alone.</summary>
public enum CooldownKind
{
    None,

    /// <summary>Exactly <see cref="FailureRule.Duration"/>.</summary>
    Fixed,

    /// <summary>Exponential: 1 s, 2 s, 4 s … capped at 5 min, with jitter; reset by a success.</summary>
    Backoff,

    /// <summary>The upstream's Retry-After / rate-limit reset when it gave one, else <see cref="Backoff"/>.</summary>
    RetryAfterOrBackoff,

    /// <summary>The upstream's reset time when it gave one, else <see cref="FailureRule.Duration"/> (quota: 1 h).</summary>
    UntilReset,

    /// <summary>The key is unusable until the configuration changes (its credentials were refused).</summary>
    Disable,
}

/// <summary>What a cooldown applies to.</summary>
public enum CooldownScope
{
    /// <summary>This key for this model (a rate limit is usually per model).</summary>
    KeyModel,

    /// <summary>This key for every model (bad credentials, exhausted credit).</summary>
    Key,

    /// <summary>This model on this provider, whatever the key (the provider does not serve it).</summary>
    Model,
}
