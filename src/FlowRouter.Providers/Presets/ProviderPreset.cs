using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Presets;

/// <summary>
/// A vendor's documented defaults: the id it gets, the wire format it speaks, its base URL and the environment
/// variables that hold its key. Vendors are data, not code (OpenAI-compatible ones differ only here).
/// </summary>
public sealed record ProviderPreset(string Id, string DisplayName, ProviderType Type, string BaseUrl, IReadOnlyList<string> KeyEnvVars)
{
    /// <summary>True for servers on this machine that need no key (Ollama, LM Studio, vLLM).</summary>
    public bool IsLocal => KeyEnvVars.Count == 0;
}
