using FlowRouter.Protocols.OpenAIChat;
using System.Net;
using System.Text.Json;
using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Asks a provider which models it serves. OpenAI-style GET {base}/models and Anthropic's GET {root}/v1/models both
/// answer {"data":[{"id":…}]} (Anthropic pages, so it is asked for its largest page). Gemini is added with its
/// protocol.
/// </summary>
public static class ModelListClient
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(20);

    public static bool CanList(ProviderRuntime provider) => ListPath(provider.Type) is not null;

    private static string? ListPath(ProviderType type) => type switch
    {
        ProviderType.OpenAI or ProviderType.OpenAIResponses => "models",
        ProviderType.Anthropic => "v1/models?limit=1000",
        _ => null,
    };

    /// <summary>The model ids, or an error text that is safe to log (secrets masked).</summary>
    public static async Task<(IReadOnlyList<string>? Models, string? Error)> FetchAsync(ProviderRuntime provider, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, provider.Endpoint(ListPath(provider.Type) ?? "models"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        foreach (var header in provider.Config.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        ProviderAuth.Apply(request, provider.Type, provider.NextApiKey());
        try
        {
            using var response = await provider.Http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = OpenAIErrorReader.Read(body);
                return (null, SecretMasker.Mask($"HTTP {(int)response.StatusCode}: {error.Message}", provider.Config.ApiKeys));
            }
            return (ParseIds(body), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or JsonException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            return (null, SecretMasker.Mask(ex is OperationCanceledException ? $"no answer within {ListTimeout.TotalSeconds:0} s" : ex.Message, provider.Config.ApiKeys));
        }
    }

    internal static IReadOnlyList<string> ParseIds(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("the model list has no \"data\" array");
        }
        var ids = new List<string>();
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                ids.Add(id.GetString()!);
            }
        }
        return ids;
    }
}
