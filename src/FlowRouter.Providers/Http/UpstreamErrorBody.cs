using System.Text;
using System.Text.Json;

namespace FlowRouter.Providers.Http;

/// <summary>
/// The useful words of an upstream error body. OpenAI ({"error":{"message","type","code","param"}}), Anthropic
/// ({"type":"error","error":{"type","message"}}) and Gemini ({"error":{"code","message","status"}}) all keep them
/// under a top-level "error"; anything else (an HTML page from a proxy) becomes a short text excerpt.
/// </summary>
public sealed record UpstreamErrorBody(string Message, string? Type, string? Code, string? Param)
{
    private const int ExcerptChars = 300;

    public static UpstreamErrorBody Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error))
            {
                return FromErrorElement(error);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to a text excerpt.
        }
        return new UpstreamErrorBody(Excerpt(body), null, null, null);
    }

    private static UpstreamErrorBody FromErrorElement(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return new UpstreamErrorBody(error.GetString() ?? "", null, null, null);
        }
        if (error.ValueKind != JsonValueKind.Object)
        {
            return new UpstreamErrorBody(error.GetRawText(), null, null, null);
        }
        string message = ReadText(error, "message") ?? error.GetRawText();
        string? type = ReadText(error, "type") ?? ReadText(error, "status");
        return new UpstreamErrorBody(message, type, ReadText(error, "code"), ReadText(error, "param"));
    }

    /// <summary>Strings as they are, numbers as their text (Gemini's code is a number), null otherwise.</summary>
    private static string? ReadText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string Excerpt(ReadOnlySpan<byte> body)
    {
        string text = Encoding.UTF8.GetString(body.Length > ExcerptChars * 4 ? body[..(ExcerptChars * 4)] : body).Trim();
        text = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > ExcerptChars ? text[..ExcerptChars] + "…" : text;
    }
}
