using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Runtime.Editing;
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

    /// <summary>The largest admin request body read (config entries are small).</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The request body as a JSON object, or null after answering 400 (not JSON, not an object, too large).</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext http)
    {
        var (body, error) = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        using (body)
        {
            if (error is null && (error = Parse(body!, out var document)) is null)
            {
                return document;
            }
        }
        await ErrorResponses.WriteOpenAIAsync(http, error).ConfigureAwait(false);
        return null;
    }

    private static GatewayError? Parse(RequestBody body, out JsonObject? document)
    {
        document = null;
        // Checked first: JsonNode decodes strings only when they are read, and would throw then (a 500).
        if (Protocols.Json.JsonTextCheck.Find(body.Span) is { } problem)
        {
            return GatewayError.InvalidRequest($"The body is not valid JSON: {problem}.") with { Code = "invalid_json" };
        }
        try
        {
            // Repeated member names refused here: a JsonObject would throw on them when first indexed.
            document = JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject;
            return document is null ? GatewayError.InvalidRequest("The body must be a JSON object.") : null;
        }
        catch (JsonException ex)
        {
            // Not the parser's message: it can quote the body, which may hold a provider key.
            return GatewayError.InvalidRequest($"The body is not valid JSON: {Protocols.Json.JsonTextCheck.Describe(ex, body.Span, 0, 0)}.") with { Code = "invalid_json" };
        }
    }

    /// <summary>
    /// Runs an admin change: its refusal (<see cref="ConfigEditException"/>) becomes the error it names; on success
    /// <paramref name="write"/> answers with <paramref name="status"/>.
    /// </summary>
    public static async Task EditAsync<T>(HttpContext http, Func<T> change, Action<Utf8JsonWriter, T> write, int status = StatusCodes.Status200OK)
    {
        T result;
        try
        {
            result = change();
        }
        catch (ConfigEditException ex)
        {
            var kind = ex.Status == StatusCodes.Status404NotFound ? ErrorKind.NotFound : ErrorKind.InvalidRequest;
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(kind, ex.Status, ex.Message) { Code = ex.Code }).ConfigureAwait(false);
            return;
        }
        http.Response.StatusCode = status;
        await WriteObjectAsync(http, json => write(json, result)).ConfigureAwait(false);
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
