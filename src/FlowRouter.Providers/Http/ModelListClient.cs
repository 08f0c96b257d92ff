using FlowRouter.Protocols.OpenAIChat;
using System.Net;
using System.Text.Json;
using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Asks a provider which models it serves. OpenAI-style GET {base}/models and Anthropic's GET {root}/v1/models both
/// answer {"data":[{"id":…}]} (Anthropic pages, so it is asked for its largest page). Gemini's GET
/// {root}/v1beta/models answers {"models":[{"name":"models/gemini-…","supportedGenerationMethods":[…]}],
/// "nextPageToken"}: names lose their "models/" prefix, models that cannot generateContent (embeddings) are left out,
/// and pages are followed (at most <see cref="MaxGeminiPages"/>).
/// </summary>
public static class ModelListClient
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(20);

    public static bool CanList(ProviderRuntime provider) => ListPath(provider.Type) is not null;

    private static string? ListPath(ProviderType type) => type switch
    {
        ProviderType.OpenAI or ProviderType.OpenAIResponses => "models",
        ProviderType.Anthropic => "v1/models?limit=1000",
        ProviderType.Gemini => "v1beta/models?pageSize=1000",
        _ => null,
    };

    private const int MaxGeminiPages = 20;

    /// <summary>The model ids, or an error text that is safe to log (secrets masked).</summary>
    public static async Task<(IReadOnlyList<string>? Models, string? Error)> FetchAsync(ProviderRuntime provider, CancellationToken cancellationToken)
    {
        if (provider.Type != ProviderType.Gemini)
        {
            var (body, error) = await FetchPageAsync(provider, ListPath(provider.Type) ?? "models", cancellationToken).ConfigureAwait(false);
            return body is null ? (null, error) : Parsed(provider, () => ParseIds(body));
        }
        var models = new List<string>();
        string? pageToken = null;
        for (int page = 0; page < MaxGeminiPages; page++)
        {
            string path = ListPath(ProviderType.Gemini)! + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            var (body, error) = await FetchPageAsync(provider, path, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return (null, error);
            }
            var (_, parseError) = Parsed(provider, () => { pageToken = ParseGeminiPage(body, models); return models; });
            if (parseError is not null)
            {
                return (null, parseError);
            }
            if (string.IsNullOrEmpty(pageToken))
            {
                break;
            }
        }
        return (models, null);
    }

    private static (IReadOnlyList<string>? Models, string? Error) Parsed(ProviderRuntime provider, Func<IReadOnlyList<string>> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (JsonException ex)
        {
            return (null, SecretMasker.Mask(ex.Message, provider.Config.ApiKeys));
        }
    }

    private static async Task<(byte[]? Body, string? Error)> FetchPageAsync(ProviderRuntime provider, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, provider.Endpoint(path))
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
            return (body, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
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

    /// <summary>Adds one Gemini page's generateContent models to <paramref name="models"/>; the next page token or null.</summary>
    internal static string? ParseGeminiPage(byte[] body, List<string> models)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the model list is not a JSON object");
        }
        if (root.TryGetProperty("models", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && Generates(item))
                {
                    string id = name.GetString()!;
                    models.Add(id.StartsWith("models/", StringComparison.Ordinal) ? id["models/".Length..] : id);
                }
            }
        }
        return root.TryGetProperty("nextPageToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
    }

    /// <summary>True unless the model lists its methods and generateContent is not among them.</summary>
    private static bool Generates(JsonElement model)
    {
        if (!model.TryGetProperty("supportedGenerationMethods", out var methods) || methods.ValueKind != JsonValueKind.Array)
        {
            return true;
        }
        foreach (var method in methods.EnumerateArray())
        {
            if (method.ValueKind == JsonValueKind.String && method.ValueEquals("generateContent"))
            {
                return true;
            }
        }
        return false;
    }
}
