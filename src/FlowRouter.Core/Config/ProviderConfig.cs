namespace FlowRouter.Core.Config;

/// <summary>One upstream provider as configured (file, environment preset, or later the admin API).</summary>
public sealed record ProviderConfig
{
    public required string Id { get; init; }
    public required ProviderType Type { get; init; }

    /// <summary>openai/openai-responses: up to and including /v1; anthropic and gemini: the host root. No trailing slash.</summary>
    public required string BaseUrl { get; init; }

    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Models this provider serves; null means "discover from the provider's model list".</summary>
    public IReadOnlyList<string>? Models { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public bool Enabled { get; init; } = true;

    /// <summary>Per-provider timeouts, or null to use the server's.</summary>
    public TimeoutSettings? Timeouts { get; init; }

    /// <summary>
    /// anthropic providers: add prompt-cache breakpoints (end of system, end of last user turn) to translated
    /// requests that carry none, as OpenAI clients cannot mark them. Off by default: caching writes cost extra.
    /// </summary>
    public bool AutoCacheBreakpoints { get; init; }

    /// <summary>
    /// gemini providers: image URLs that FlowRouter fetches for this provider (Gemini takes only inline data) may point
    /// at private, loopback and link-local addresses. Off by default (a client could otherwise make FlowRouter read
    /// its own network); for tests and trusted local setups.
    /// </summary>
    public bool AllowPrivateImageUrls { get; init; }

    /// <summary>Where this entry came from, for status output: "config" or "env:OPENAI_API_KEY".</summary>
    public string Origin { get; init; } = ConfigOrigins.File;

    /// <summary>Why this entry cannot be used (its stored credentials failed to decrypt), or null; such a provider is never routed to.</summary>
    public string? Problem { get; init; }
}
