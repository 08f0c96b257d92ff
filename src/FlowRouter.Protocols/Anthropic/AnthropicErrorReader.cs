using System.Text;
using System.Text.Json;
using FlowRouter.Core.Errors;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Reads an Anthropic error body ({"type":"error","error":{"type","message"},"request_id"}) into a
/// <see cref="GatewayError"/> whose Type keeps Anthropic's word (request_id is not carried: an OpenAI client would see
/// it as an error code). The kind comes from the type, else from the HTTP status; a body that is not Anthropic's shape (a proxy's
/// HTML page) still yields an error carrying its text.
/// </summary>
public static class AnthropicErrorReader
{
    private const int MaxTextMessageChars = 1000;

    public static GatewayError Read(ReadOnlySpan<byte> body, int status)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    return Read(document.RootElement, status);
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: fall through to the text
        }
        string text = Encoding.UTF8.GetString(body).Trim();
        return new GatewayError(AnthropicErrorTypes.KindForStatus(status), status, text.Length == 0 ? "The upstream returned an empty error body." : Truncate(text));
    }

    public static GatewayError Read(JsonElement root, int status)
    {
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
        string? type = AnthropicJsonRead.TryString(error, "type");
        string message = AnthropicJsonRead.TryString(error, "message") ?? Truncate(root.GetRawText());
        var parsed = AnthropicErrorTypes.Parse(type);
        var kind = parsed?.Kind ?? AnthropicErrorTypes.KindForStatus(status);
        return new GatewayError(kind, status > 0 ? status : parsed?.Status ?? 500, message)
        {
            Type = type,
        };
    }

    private static string Truncate(string text) =>
        text.Length <= MaxTextMessageChars ? text : string.Concat(text.AsSpan(0, MaxTextMessageChars), "…");
}
