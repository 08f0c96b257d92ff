using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// GET /v1/models in OpenAI's list shape: every address a client can use (provider/model, unambiguous bare names,
/// combos), with owned_by saying which provider answers it ("flowrouter" for combos).
/// </summary>
internal sealed class ModelsEndpoint(GatewayContext gateway)
{
    public async Task ListAsync(HttpContext http)
    {
        if (await AuthorizeAsync(http).ConfigureAwait(false) is not { } caller)
        {
            return;
        }
        var routes = gateway.State.Routes;
        http.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "list"u8);
            writer.WriteStartArray("data"u8);
            foreach (string address in routes.Addresses())
            {
                if (ClientKeyGate.MayList(caller.Key, address, routes))
                {
                    WriteModel(writer, address, OwnerOf(routes, address));
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext http)
    {
        if (await AuthorizeAsync(http).ConfigureAwait(false) is not { } caller)
        {
            return;
        }
        string address = (string?)http.Request.RouteValues["model"] ?? "";
        var routes = gateway.State.Routes;
        var resolution = routes.Resolve(address);
        if ((resolution.Error ?? ClientKeyGate.CheckModel(caller.Key, address, resolution)) is { } error)
        {
            await ErrorResponses.WriteOpenAIAsync(http, error).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            WriteModel(writer, address, OwnerOf(routes, address));
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The caller's key (its Key null when keys are off), or null after answering 401.</summary>
    private async Task<Caller?> AuthorizeAsync(HttpContext http)
    {
        var (key, _, error) = ClientKeyGate.Check(gateway, http.Request);
        if (error is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, error).ConfigureAwait(false);
            return null;
        }
        return new Caller(key);
    }

    private sealed record Caller(Core.Config.ClientKeyConfig? Key);

    internal static string OwnerOf(RouteTable routes, string address)
    {
        if (routes.ComboNames.Contains(address))
        {
            return "flowrouter";
        }
        int slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && routes.Providers.Any(p => p.Id == address[..slash]))
        {
            return address[..slash];
        }
        return routes.SoleProviderOf(address)?.Id ?? "flowrouter";
    }

    private static void WriteModel(Utf8JsonWriter writer, string id, string owner)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("object"u8, "model"u8);
        writer.WriteNumber("created"u8, 0);
        writer.WriteString("owned_by"u8, owner);
        writer.WriteEndObject();
    }
}
