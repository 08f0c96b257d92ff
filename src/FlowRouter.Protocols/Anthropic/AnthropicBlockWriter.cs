using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes canonical parts as Anthropic content blocks. Tool ids go through <see cref="ToolIdMapper"/>; a part's
/// Anthropic extensions (citations left raw, "caller", explicit nulls) are written back verbatim.
/// </summary>
internal static class AnthropicBlockWriter
{
    /// <summary>True for parts this writer can put in a content array.</summary>
    public static bool CanWrite(ContentPart part) => part switch
    {
        TextPart or ImagePart or ToolCallPart or ToolResultPart => true,
        FilePart file => DocumentKind(file) is not null,
        ReasoningPart reasoning => reasoning.RedactedData is not null || reasoning.Signature is not null || reasoning.Text is not null,
        RawPart raw => raw.Source == WireProtocol.Anthropic,
        _ => false,
    };

    public static void WriteArray(JsonFieldWriter writer, IEnumerable<ContentPart> parts)
    {
        writer.Json.WriteStartArray();
        foreach (var part in parts)
        {
            Write(writer, part);
        }
        writer.Json.WriteEndArray();
    }

    public static void Write(JsonFieldWriter writer, ContentPart part)
    {
        if (part is RawPart raw)
        {
            if (raw.Source == WireProtocol.Anthropic)
            {
                writer.Json.WriteRawValue(raw.Json);
            }
            return;
        }
        if (!CanWrite(part))
        {
            return;
        }
        writer.StartObject();
        switch (part)
        {
            case TextPart text:
                WriteText(writer, text);
                break;
            case ImagePart image:
                WriteImage(writer, image);
                break;
            case FilePart file:
                WriteDocument(writer, file);
                break;
            case ToolCallPart call:
                WriteToolUse(writer, call);
                break;
            case ToolResultPart result:
                WriteToolResult(writer, result);
                break;
            case ReasoningPart reasoning:
                WriteReasoning(writer, reasoning);
                break;
        }
        writer.Extensions(part.Extensions);
        writer.EndObject();
    }

    private static void WriteText(JsonFieldWriter writer, TextPart text)
    {
        writer.String("type", "text");
        writer.String("text", text.Text);
        CacheControl(writer, text.CacheControlJson);
        // Only Anthropic-shaped citations can go back; OpenAI's url_citation annotations mean something else.
        if (text.AnnotationsJson is not null && text.Extensions?.Source is null or WireProtocol.Anthropic && LooksAnthropic(text.AnnotationsJson))
        {
            writer.Raw("citations", text.AnnotationsJson);
        }
    }

    private static bool LooksAnthropic(string annotationsJson) => !annotationsJson.Contains("\"url_citation\"", StringComparison.Ordinal);

    private static void WriteImage(JsonFieldWriter writer, ImagePart image)
    {
        writer.String("type", "image");
        if (!HasRawSource(image))
        {
            writer.StartObject("source");
            if (image.Url is not null)
            {
                writer.String("type", "url");
                writer.String("url", image.Url);
            }
            else
            {
                writer.String("type", "base64");
                writer.String("media_type", image.MediaType ?? "image/png");
                writer.String("data", image.Base64Data ?? "");
            }
            writer.EndObject();
        }
        CacheControl(writer, image.CacheControlJson);
    }

    private static bool HasRawSource(ContentPart part) =>
        part.Extensions?.AppliesTo(WireProtocol.Anthropic) == true && part.Extensions.Get("source") is not null;

    /// <summary>
    /// How a file goes out: "image" for an inline image (OpenAI carries those as files too), "text" for inline plain
    /// text (decoded into a text source), "document" for PDFs, URLs and file ids; null for what Claude cannot read
    /// (audio, video), which is dropped rather than sent to be rejected.
    /// </summary>
    private static string? DocumentKind(FilePart file)
    {
        if (HasRawSource(file) || file.FileId is not null || file.Url is not null)
        {
            return "document";
        }
        if (file.Base64Data is null)
        {
            return null;
        }
        string mediaType = file.MediaType ?? "application/pdf";
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return "image";
        }
        if (mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) && file.Extensions?.Source != WireProtocol.Anthropic ? "text" : "document";
    }

    private static void WriteDocument(JsonFieldWriter writer, FilePart file)
    {
        string kind = DocumentKind(file)!;
        writer.String("type", kind == "image" ? "image" : "document");
        if (!HasRawSource(file))
        {
            writer.StartObject("source");
            WriteFileSource(writer, file, kind);
            writer.EndObject();
        }
        if (file.FileName is not null && kind != "image")
        {
            writer.String("title", file.FileName);
        }
        CacheControl(writer, file.CacheControlJson);
    }

    private static void WriteFileSource(JsonFieldWriter writer, FilePart file, string kind)
    {
        if (file.FileId is not null)
        {
            writer.String("type", "file");
            writer.String("file_id", file.FileId);
        }
        else if (file.Url is not null)
        {
            writer.String("type", "url");
            writer.String("url", file.Url);
        }
        else if (kind == "text")
        {
            writer.String("type", "text");
            writer.String("media_type", "text/plain");
            writer.String("data", DecodeText(file.Base64Data!));
        }
        else
        {
            writer.String("type", "base64");
            writer.String("media_type", file.MediaType ?? "application/pdf");
            writer.String("data", file.Base64Data!);
        }
    }

    private static string DecodeText(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }

    private static void WriteToolUse(JsonFieldWriter writer, ToolCallPart call)
    {
        writer.String("type", "tool_use");
        writer.String("id", ToolIdMapper.Encode(call.Id));
        writer.String("name", call.Name);
        writer.Raw("input", ToolInput(call.ArgumentsJson));
    }

    /// <summary>
    /// Anthropic requires the input to be a JSON object. Empty arguments (OpenAI streams "" for a call without
    /// parameters) become {}; arguments that are not an object (a model's malformed JSON, a custom tool's free text)
    /// are wrapped as {"arguments": "&lt;text&gt;"} so nothing the model said is lost.
    /// </summary>
    internal static string ToolInput(string argumentsJson)
    {
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            return "{}";
        }
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return argumentsJson;
            }
        }
        catch (JsonException)
        {
            // not JSON: wrapped below
        }
        return "{\"arguments\":" + JsonSerializerString(argumentsJson) + "}";
    }

    private static string JsonSerializerString(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, AnthropicJsonOptions.Writer))
        {
            json.WriteStringValue(value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteToolResult(JsonFieldWriter writer, ToolResultPart result)
    {
        writer.String("type", "tool_result");
        writer.String("tool_use_id", ToolIdMapper.Encode(result.ToolCallId));
        var content = result.Content.FindAll(p => CanWrite(p) && p is not (ToolCallPart or ToolResultPart) && p is not TextPart { Text.Length: 0 });
        if (result.ContentIsString && content.TrueForAll(p => p is TextPart { CacheControlJson: null, Extensions: null }) && content.Count > 0)
        {
            var builder = new StringBuilder();
            content.ForEach(p => builder.Append(((TextPart)p).Text));
            writer.String("content", builder.ToString());
        }
        else if (content.Count > 0)
        {
            writer.Name("content");
            WriteArray(writer, content);
        }
        if (result.IsError)
        {
            writer.Bool("is_error", true);
        }
        CacheControl(writer, result.CacheControlJson);
    }

    private static void WriteReasoning(JsonFieldWriter writer, ReasoningPart reasoning)
    {
        if (reasoning.RedactedData is not null)
        {
            writer.String("type", "redacted_thinking");
            writer.String("data", reasoning.RedactedData);
            return;
        }
        writer.String("type", "thinking");
        writer.String("thinking", reasoning.Text ?? "");
        writer.String("signature", reasoning.Signature ?? "");
    }

    private static void CacheControl(JsonFieldWriter writer, string? cacheControlJson)
    {
        if (cacheControlJson is not null)
        {
            writer.Raw("cache_control", cacheControlJson);
        }
    }
}
