namespace FlowRouter.Core.Config;

/// <summary>The wire format a provider speaks (config value in brackets).</summary>
public enum ProviderType
{
    /// <summary>openai: OpenAI Chat Completions and every OpenAI-compatible server.</summary>
    OpenAI,

    /// <summary>anthropic: Anthropic Messages.</summary>
    Anthropic,

    /// <summary>gemini: Google Gemini generateContent.</summary>
    Gemini,

    /// <summary>openai-responses: OpenAI Responses API.</summary>
    OpenAIResponses,
}
