using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Ingress;
using FlowRouter.Providers.Catalog;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// The Gemini API's model-scoped routes under /v1beta/models/ (and /v1/models/): POST …/{model}:{method} goes to
/// generateContent / streamGenerateContent (<see cref="GeminiIngress"/>) or countTokens (<see cref="GeminiCountTokens"/>),
/// any other method is a 404 in Gemini's shape; GET lists FlowRouter's models, or one of them, as Gemini Model objects
/// named "models/{address}".
/// </summary>
internal sealed class GeminiApiEndpoints(GatewayContext gateway)
{
    private readonly GatewayEndpoint _generate = new(gateway, GeminiIngress.Instance);

    public Task PostAsync(HttpContext http)
    {
        var route = GeminiRoute.Of(http.Request);
        return route.Method switch
        {
            GeminiRoute.Generate or GeminiRoute.StreamGenerate => _generate.HandleAsync(http),
            GeminiRoute.CountTokens => new TokenCountEndpoint(gateway, new GeminiCountTokens(GeminiRoute.Address(route.Model))).HandleAsync(http),
            _ => GeminiIngress.Instance.WriteErrorAsync(http, new GatewayError(ErrorKind.NotFound, 404,
                $"Method '{route.Method}' is not served here: FlowRouter answers POST /v1beta/models/{{model}}:generateContent, :streamGenerateContent and :countTokens.")),
        };
    }

    /// <summary>GET /v1beta/models: every address a client can use.</summary>
    public async Task ListAsync(HttpContext http)
    {
        if (await AuthorizeAsync(http).ConfigureAwait(false) is not { } caller)
        {
            return;
        }
        var routes = gateway.State.Routes;
        http.Response.ContentType = GeminiIngress.JsonArrayContentType;
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("models"u8);
            foreach (string address in routes.Addresses())
            {
                if (ClientKeyGate.MayList(caller.Key, address, routes))
                {
                    WriteModel(writer, routes, address);
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GET /v1beta/models/{model}: one address, or 404 NOT_FOUND.</summary>
    public async Task GetAsync(HttpContext http)
    {
        if (await AuthorizeAsync(http).ConfigureAwait(false) is not { } caller)
        {
            return;
        }
        string address = GeminiRoute.Address(Uri.UnescapeDataString(http.Request.RouteValues[GeminiRoute.RouteValue] as string ?? ""));
        var routes = gateway.State.Routes;
        var resolution = routes.Resolve(address);
        if ((resolution.Error ?? ClientKeyGate.CheckModel(caller.Key, address, resolution)) is { } error)
        {
            await GeminiIngress.Instance.WriteErrorAsync(http, error).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = GeminiIngress.JsonArrayContentType;
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            WriteModel(writer, routes, address);
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// GET /v1/models is OpenAI's list for OpenAI clients; a Gemini client (its key sent Google's way, or Google's
    /// x-goog-api-client header) gets Gemini's shape there, as it would from Google's /v1.
    /// </summary>
    public static bool IsGeminiClient(HttpRequest request) =>
        request.Headers.ContainsKey("x-goog-api-key") || request.Headers.ContainsKey("x-goog-api-client") || request.Query.ContainsKey("key");

    /// <summary>The caller's key (its Key null when keys are off), or null after answering 401.</summary>
    private async Task<Caller?> AuthorizeAsync(HttpContext http)
    {
        var (key, _, error) = ClientKeyGate.Check(gateway, http.Request, googleForms: true);
        if (error is not null)
        {
            await GeminiIngress.Instance.WriteErrorAsync(http, error).ConfigureAwait(false);
            return null;
        }
        return new Caller(key);
    }

    private sealed record Caller(Core.Config.ClientKeyConfig? Key);

    private static void WriteModel(Utf8JsonWriter writer, RouteTable routes, string address)
    {
        string owner = ModelsEndpoint.OwnerOf(routes, address);
        writer.WriteStartObject();
        writer.WriteString("name"u8, "models/" + address);
        writer.WriteString("baseModelId"u8, address);
        writer.WriteString("version"u8, "flowrouter");
        writer.WriteString("displayName"u8, address);
        writer.WriteString("description"u8, owner == "flowrouter" ? "A FlowRouter combo." : $"Served by provider '{owner}' through FlowRouter.");
        int slash = address.IndexOf('/', StringComparison.Ordinal);
        if (ModelCatalog.Find(slash >= 0 ? address[(slash + 1)..] : address) is { } limits)
        {
            if (limits.ContextWindow is { } context)
            {
                writer.WriteNumber("inputTokenLimit"u8, context);
            }
            if (limits.MaxOutputTokens is { } output)
            {
                writer.WriteNumber("outputTokenLimit"u8, output);
            }
        }
        writer.WriteStartArray("supportedGenerationMethods"u8);
        writer.WriteStringValue("generateContent"u8);
        writer.WriteStringValue("streamGenerateContent"u8);
        writer.WriteStringValue("countTokens"u8);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
