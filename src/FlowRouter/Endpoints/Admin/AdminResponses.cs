using System.Text.Json;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>What every admin endpoint shares: the access check answered in place, and a JSON object body.</summary>
internal static class AdminResponses
{
    /// <summary>True when the caller may not use the admin surface; the 401/403 has then been written.</summary>
    public static async Task<bool> DeniedAsync(GatewayContext gateway, HttpContext http)
    {
        if (gateway.Admin.Check(http) is not { } denied)
        {
            return false;
        }
        await ErrorResponses.WriteOpenAIAsync(http, denied).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes one JSON object whose members <paramref name="body"/> writes.</summary>
    public static async Task WriteObjectAsync(HttpContext http, Action<Utf8JsonWriter> body, bool indented = false)
    {
        http.Response.ContentType = "application/json";
        var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Indented = indented });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the member only when there is a value.</summary>
    public static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    /// <inheritdoc cref="Number(Utf8JsonWriter, string, double?)"/>
    public static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
