using System.Text;
using System.Text.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Reads an upstream error body: OpenAI's {"error":{message,type,param,code}}, and tolerates what OpenAI-compatible
/// servers send instead — {"error":"text"}, Anthropic's {"type":"error","error":{type,message}}, Google's
/// {"error":{code:400,message,status}} (also wrapped in an array), {"message":…}, {"detail":…} — or plain text.
/// </summary>
public static class OpenAIErrorReader
{
    private const int MaxTextMessageChars = 1000;

    public static OpenAIErrorInfo Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    return Read(document.RootElement);
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: fall through to the text
        }
        return new OpenAIErrorInfo(TextMessage(body), null, null, null);
    }

    public static OpenAIErrorInfo Read(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new OpenAIErrorInfo(Truncate(root.GetRawText()), null, null, null);
        }
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                return FromObject(error);
            }
            if (error.ValueKind == JsonValueKind.String)
            {
                return new OpenAIErrorInfo(error.GetString()!, Text(root, "type"), Text(root, "code"), null);
            }
        }
        return FromObject(root);
    }

    private static OpenAIErrorInfo FromObject(JsonElement error)
    {
        string message = Text(error, "message") ?? Text(error, "detail") ?? Truncate(error.GetRawText());
        string? type = Text(error, "type") ?? Text(error, "status");
        return new OpenAIErrorInfo(message, type, Text(error, "code"), Text(error, "param"));
    }

    /// <summary>A string, or a number as its text (Google sends "code": 400); null for anything else.</summary>
    private static string? Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string TextMessage(ReadOnlySpan<byte> body)
    {
        string text = Encoding.UTF8.GetString(body).Trim();
        return text.Length == 0 ? "The upstream returned an empty error body." : Truncate(text);
    }

    private static string Truncate(string text) =>
        text.Length <= MaxTextMessageChars ? text : string.Concat(text.AsSpan(0, MaxTextMessageChars), "…");
}
