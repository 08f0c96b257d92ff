using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Presets;

/// <summary>
/// The vendor table. Base URLs are the ones each vendor documents for its OpenAI-compatible (or native) API:
/// openai/openai-responses types end at /v1 (or the vendor's equivalent path), anthropic and gemini are host roots.
/// </summary>
public static class ProviderPresets
{
    public static readonly IReadOnlyList<ProviderPreset> All =
    [
        new("openai", "OpenAI", ProviderType.OpenAI, "https://api.openai.com/v1", ["OPENAI_API_KEY"]),
        new("anthropic", "Anthropic", ProviderType.Anthropic, "https://api.anthropic.com", ["ANTHROPIC_API_KEY"]),
        new("gemini", "Google Gemini", ProviderType.Gemini, "https://generativelanguage.googleapis.com", ["GEMINI_API_KEY", "GOOGLE_API_KEY"]),
        new("deepseek", "DeepSeek", ProviderType.OpenAI, "https://api.deepseek.com/v1", ["DEEPSEEK_API_KEY"]),
        new("groq", "Groq", ProviderType.OpenAI, "https://api.groq.com/openai/v1", ["GROQ_API_KEY"]),
        new("mistral", "Mistral", ProviderType.OpenAI, "https://api.mistral.ai/v1", ["MISTRAL_API_KEY"]),
        new("openrouter", "OpenRouter", ProviderType.OpenAI, "https://openrouter.ai/api/v1", ["OPENROUTER_API_KEY"]),
        new("together", "Together AI", ProviderType.OpenAI, "https://api.together.xyz/v1", ["TOGETHER_API_KEY"]),
        new("xai", "xAI", ProviderType.OpenAI, "https://api.x.ai/v1", ["XAI_API_KEY"]),
        new("fireworks", "Fireworks AI", ProviderType.OpenAI, "https://api.fireworks.ai/inference/v1", ["FIREWORKS_API_KEY"]),
        new("ollama", "Ollama", ProviderType.OpenAI, "http://127.0.0.1:11434/v1", []),
        new("lmstudio", "LM Studio", ProviderType.OpenAI, "http://127.0.0.1:1234/v1", []),
        new("vllm", "vLLM", ProviderType.OpenAI, "http://127.0.0.1:8000/v1", []),
    ];

    public static ProviderPreset? Find(string id)
    {
        foreach (var preset in All)
        {
            if (preset.Id == id)
            {
                return preset;
            }
        }
        return null;
    }

    /// <summary>
    /// Providers for every preset whose key is in the environment and whose id the config does not already name.
    /// The first non-empty variable of a preset wins (GEMINI_API_KEY before GOOGLE_API_KEY).
    /// </summary>
    public static IReadOnlyList<ProviderConfig> DetectFromEnvironment(Func<string, string?> getEnvironmentVariable, IReadOnlyCollection<string> configuredIds)
    {
        var detected = new List<ProviderConfig>();
        foreach (var preset in All)
        {
            if (configuredIds.Contains(preset.Id))
            {
                continue;
            }
            foreach (string variable in preset.KeyEnvVars)
            {
                string? key = getEnvironmentVariable(variable);
                if (!string.IsNullOrWhiteSpace(key))
                {
                    detected.Add(new ProviderConfig
                    {
                        Id = preset.Id,
                        Type = preset.Type,
                        BaseUrl = preset.BaseUrl,
                        ApiKeys = [key.Trim()],
                        Origin = "env:" + variable,
                    });
                    break;
                }
            }
        }
        return detected;
    }
}
