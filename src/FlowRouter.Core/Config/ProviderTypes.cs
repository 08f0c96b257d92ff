namespace FlowRouter.Core.Config;

/// <summary>Config spelling of <see cref="ProviderType"/> values.</summary>
public static class ProviderTypes
{
    public const string Expected = "openai | anthropic | gemini | openai-responses";

    public static bool TryParse(string text, out ProviderType type)
    {
        (bool ok, type) = text switch
        {
            "openai" => (true, ProviderType.OpenAI),
            "anthropic" => (true, ProviderType.Anthropic),
            "gemini" => (true, ProviderType.Gemini),
            "openai-responses" => (true, ProviderType.OpenAIResponses),
            _ => (false, ProviderType.OpenAI),
        };
        return ok;
    }

    public static string ToConfigName(this ProviderType type) => type switch
    {
        ProviderType.OpenAI => "openai",
        ProviderType.Anthropic => "anthropic",
        ProviderType.Gemini => "gemini",
        ProviderType.OpenAIResponses => "openai-responses",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
