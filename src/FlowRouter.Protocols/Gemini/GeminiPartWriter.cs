using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes canonical parts as Gemini Part objects (requests and responses share it). Ids this codec invented are left
/// out (<see cref="GeminiToolIds"/>). A functionResponse's "response" must be an object; the rule for tool results
/// from other protocols, following Gemini's FunctionResponse documentation ("output" for the function's output,
/// "error" for error details): text that is a JSON object is the response as is (wrapped as {"error": …} when the
/// result is an error without an "error" key), any other text becomes {"output": text}, or {"error": text} when the
/// result is an error. Tool-call arguments that are not a JSON object become {} (see <see cref="ArgsObject"/>).
/// </summary>
internal static class GeminiPartWriter
{
    public static void WriteArray(JsonFieldWriter writer, string name, IEnumerable<ContentPart> parts, GeminiWriteContext context)
    {
        writer.StartArray(name);
        foreach (var part in parts)
        {
            Write(writer, part, context);
        }
        writer.EndArray();
    }

    public static void Write(JsonFieldWriter writer, ContentPart part, GeminiWriteContext context)
    {
        var names = context.Names;
        if (part is RawPart raw)
        {
            writer.Json.WriteRawValue(raw.Json);
            return;
        }
        writer.StartObject();
        switch (part)
        {
            case TextPart text:
                writer.String("text", text.Text);
                break;
            case RefusalPart refusal:
                writer.String("text", refusal.Text);
                break;
            case ReasoningPart reasoning:
                writer.String("text", reasoning.Text ?? "");
                writer.Bool("thought", true);
                if (!string.IsNullOrEmpty(reasoning.Signature) && GeminiJson.IsGemini(reasoning.Extensions))
                {
                    writer.String(names.Spell(GeminiWire.ThoughtSignature), reasoning.Signature);
                }
                break;
            case ImagePart image:
                WriteMedia(writer, image.MediaType, image.Base64Data, image.Url, image.Extensions, names, GuessImageType(image.Url));
                break;
            case FilePart file:
                WriteMedia(writer, file.MediaType, file.Base64Data, file.Url, file.Extensions, names, "application/octet-stream");
                break;
            case ToolCallPart call:
                WriteCall(writer, call, context);
                break;
            case ToolResultPart result:
                WriteResult(writer, result, context);
                break;
            default:
                break;
        }
        GeminiJson.WriteLevel(writer, part.Extensions);
        writer.EndObject();
    }

    private static void WriteMedia(JsonFieldWriter writer, string? mediaType, string? base64, string? url, JsonExtensions? extensions, GeminiNames names, string fallbackType)
    {
        if (base64 is not null)
        {
            writer.StartObject(names.Spell("inlineData"));
            writer.String(names.Spell("mimeType"), mediaType ?? fallbackType);
            writer.String("data", GeminiBase64.Restore(base64, Unquote(GeminiJson.Get(extensions, GeminiWire.Base64Marker))));
            GeminiJson.WriteLevel(writer, extensions, "inlineData.");
            writer.EndObject();
            return;
        }
        writer.StartObject(names.Spell("fileData"));
        if (mediaType is not null || !GeminiJson.IsGemini(extensions))
        {
            writer.String(names.Spell("mimeType"), mediaType ?? fallbackType);
        }
        writer.String(names.Spell("fileUri"), url ?? "");
        GeminiJson.WriteLevel(writer, extensions, "fileData.");
        writer.EndObject();
    }

    private static void WriteCall(JsonFieldWriter writer, ToolCallPart call, GeminiWriteContext context)
    {
        var names = context.Names;
        bool gemini = GeminiJson.IsGemini(call.Extensions);
        writer.StartObject(names.Spell("functionCall"));
        writer.String("name", call.Name);
        if (!GeminiJson.Has(call.Extensions, GeminiWire.NoArgsMarker))
        {
            writer.Raw("args", gemini ? call.ArgumentsJson : ArgsObject(call.ArgumentsJson));
        }
        if (!IsInventedId(call.Id, call.Extensions))
        {
            writer.String("id", call.Id);
        }
        GeminiJson.WriteLevel(writer, call.Extensions, "functionCall.");
        writer.EndObject();
        string? signature = !string.IsNullOrEmpty(call.Signature) ? call.Signature
            : context.FallbackSignature.Contains(call) ? context.Options.SignatureFallback : null;
        if (signature is not null)
        {
            writer.String(names.Spell(GeminiWire.ThoughtSignature), signature);
        }
    }

    private static void WriteResult(JsonFieldWriter writer, ToolResultPart result, GeminiWriteContext context)
    {
        var names = context.Names;
        writer.StartObject(names.Spell("functionResponse"));
        string name = context.CallNames.TryGetValue(result.ToolCallId, out string? callName) ? callName : result.ToolName ?? "";
        writer.String("name", name);
        if (!GeminiJson.Has(result.Extensions, GeminiWire.NoResponseMarker))
        {
            writer.Raw("response", ResponseObject(result));
        }
        if (!IsInventedId(result.ToolCallId, result.Extensions))
        {
            writer.String("id", result.ToolCallId);
        }
        GeminiJson.WriteLevel(writer, result.Extensions, "functionResponse.");
        writer.EndObject();
    }

    /// <summary>The functionResponse.response object for a tool result (rule in the class summary).</summary>
    public static string ResponseObject(ToolResultPart result)
    {
        string text = GeminiTurnBuilder.Join(result.Content);
        if (GeminiJson.IsJsonObject(text))
        {
            bool hasError;
            using (var document = JsonDocument.Parse(text))
            {
                hasError = document.RootElement.TryGetProperty("error", out _);
            }
            return result.IsError && !hasError ? "{\"error\":" + text + "}" : text;
        }
        return "{\"" + (result.IsError ? "error" : "output") + "\":" + Quote(text) + "}";
    }

    /// <summary>
    /// Gemini's args must be an object. Arguments from another protocol that are empty or not a JSON object (a model
    /// that produced broken JSON) become {}: the call still reaches the client by name, which can answer it with an
    /// error; putting the broken text under an invented key would be read as a real argument.
    /// </summary>
    public static string ArgsObject(string argumentsJson) => GeminiJson.IsJsonObject(argumentsJson) ? argumentsJson : "{}";

    public static bool IsInventedId(string id, JsonExtensions? extensions) =>
        id.Length == 0 || GeminiToolIds.IsSynthetic(id) || GeminiJson.Has(extensions, GeminiToolIds.SyntheticMarker);

    private static string Quote(string text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, GeminiJson.Writer))
        {
            json.WriteStringValue(text);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string? Unquote(string? raw) => raw is { Length: >= 2 } && raw[0] == '"' ? raw[1..^1] : raw;

    /// <summary>Gemini requires a mime type for fileData; from an image URL's extension, else JPEG.</summary>
    private static string GuessImageType(string? url)
    {
        string path = url is null ? "" : url.Split('?', '#')[0];
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PNG" => "image/png",
            ".GIF" => "image/gif",
            ".WEBP" => "image/webp",
            ".HEIC" => "image/heic",
            _ => "image/jpeg",
        };
    }
}
