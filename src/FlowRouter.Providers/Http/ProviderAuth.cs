using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Http;

/// <summary>Puts a provider's key where its API documents it.</summary>
internal static class ProviderAuth
{
    /// <summary>Anthropic requires a version header on every call; this is the stable one its docs name.</summary>
    public const string AnthropicVersion = "2023-06-01";

    public static void Apply(HttpRequestMessage request, ProviderType type, string? apiKey)
    {
        var headers = request.Headers;
        switch (type)
        {
            case ProviderType.Anthropic:
                if (apiKey is not null)
                {
                    headers.TryAddWithoutValidation("x-api-key", apiKey);
                }
                if (!headers.Contains("anthropic-version"))
                {
                    headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
                }
                break;
            case ProviderType.Gemini:
                if (apiKey is not null)
                {
                    headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
                }
                break;
            default:
                if (apiKey is not null)
                {
                    headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                }
                break;
        }
    }
}
