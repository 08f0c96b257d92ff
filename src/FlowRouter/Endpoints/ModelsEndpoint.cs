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
        if (!await AuthorizeAsync(http).ConfigureAwait(false))
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
                WriteModel(writer, address, OwnerOf(routes, address));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext http)
    {
        if (!await AuthorizeAsync(http).ConfigureAwait(false))
        {
            return;
        }
        string address = (string?)http.Request.RouteValues["model"] ?? "";
        var routes = gateway.State.Routes;
        var resolution = routes.Resolve(address);
        if (!resolution.Succeeded)
        {
            await ErrorResponses.WriteOpenAIAsync(http, resolution.Error!).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            WriteModel(writer, address, OwnerOf(routes, address));
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private async Task<bool> AuthorizeAsync(HttpContext http)
    {
        var auth = gateway.Authenticator.Authenticate(http.Request);
        if (!auth.Allowed)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.Authentication, 401, auth.Problem!) { Code = "invalid_api_key" }).ConfigureAwait(false);
        }
        return auth.Allowed;
    }

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
