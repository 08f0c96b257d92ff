using System.Security.Cryptography;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// A small JSON object body of string members (logins, password changes). Read into its own buffer, which is wiped
/// afterwards since it may hold a password; unknown members are ignored, a non-string value is a 400 naming it.
/// </summary>
internal static class AdminJsonBody
{
    private const int MaxBytes = 16 * 1024;

    public static async Task<(Dictionary<string, string>? Fields, GatewayError? Error)> ReadAsync(HttpContext http, params string[] names)
    {
        if (RequestBody.CheckContentType(http.Request) is { } contentType)
        {
            return (null, contentType);
        }
        if (http.Request.ContentLength > MaxBytes)
        {
            return (null, GatewayError.InvalidRequest($"The request body is over {MaxBytes / 1024} KB."));
        }
        byte[] buffer = new byte[MaxBytes];
        try
        {
            int length = 0;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    return (null, GatewayError.InvalidRequest($"The request body is over {MaxBytes / 1024} KB."));
                }
            }
            // No body at all reads as {} (a DELETE usually has none); the caller says which member is missing.
            return length == 0 ? (new Dictionary<string, string>(StringComparer.Ordinal), null) : Parse(buffer.AsSpan(0, length), names);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static (Dictionary<string, string>? Fields, GatewayError? Error) Parse(ReadOnlySpan<byte> json, string[] names)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        // Checked first: the reader decodes strings only in GetString, and would throw there (a 500). The problem
        // names a byte offset, never the text, which may be a password.
        if (Protocols.Json.JsonTextCheck.Find(json) is { } problem)
        {
            return (null, GatewayError.InvalidRequest("The request body is not valid JSON: " + problem + "."));
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, GatewayError.InvalidRequest("The request body must be a JSON object."));
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (Array.IndexOf(names, name) < 0)
                {
                    reader.Skip();
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    fields[name] = reader.GetString()!;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return (null, GatewayError.InvalidRequest($"'{name}' must be a string.", name));
                }
            }
            return (fields, null);
        }
        catch (JsonException)
        {
            // The parser's message can quote the body, which may hold a password: say only where it failed.
            return (null, GatewayError.InvalidRequest("The request body is not valid JSON."));
        }
    }
}
