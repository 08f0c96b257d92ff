using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Reads one content block (request history, a tool_result's content, or a response's content) into a canonical
/// part. Fields without a canonical slot, and explicit nulls (the Python SDK sends "cache_control": null), stay raw in
/// the part's extensions; block types the canonical model has no part for (server_tool_use, web_search_tool_result,
/// mcp_tool_use, container_upload…) become a <see cref="RawPart"/> so a same-protocol hop stays exact.
/// </summary>
internal static class AnthropicBlockReader
{
    public static ContentPart Read(JsonElement element, string path)
    {
        AnthropicJsonRead.Object(element, path);
        string type = AnthropicJsonRead.RequiredString(element, "type", path);
        return type switch
        {
            "text" => ReadText(element, path),
            "image" => ReadImage(element),
            "document" => ReadDocument(element),
            "tool_use" => ReadToolUse(element, path),
            "tool_result" => ReadToolResult(element, path),
            "thinking" => ReadThinking(element, path),
            "redacted_thinking" => ReadRedacted(element, path),
            _ => new RawPart(WireProtocol.Anthropic, type, element.GetRawText()),
        };
    }

    /// <summary>Content given as a string (one text part) or an array of blocks.</summary>
    public static void ReadContent(List<ContentPart> parts, JsonElement value, string path, out bool isString)
    {
        isString = value.ValueKind == JsonValueKind.String;
        if (isString)
        {
            parts.Add(new TextPart(value.GetString()!));
            return;
        }
        AnthropicJsonRead.Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            parts.Add(Read(item, AnthropicJsonRead.Index(path, index++)));
        }
    }

    private static TextPart ReadText(JsonElement element, string path)
    {
        var part = new TextPart(AnthropicJsonRead.RequiredString(element, "text", path));
        part.Extensions = Rest(element, (name, value) => name switch
        {
            "text" => true,
            "cache_control" when value.ValueKind == JsonValueKind.Object => Set(() => part.CacheControlJson = value.GetRawText()),
            "citations" when value.ValueKind == JsonValueKind.Array => Set(() => part.AnnotationsJson = value.GetRawText()),
            _ => false,
        });
        return part;
    }

    private static ImagePart ReadImage(JsonElement element)
    {
        var part = new ImagePart();
        part.Extensions = Rest(element, (name, value) => name switch
        {
            "source" => ReadImageSource(part, value),
            "cache_control" when value.ValueKind == JsonValueKind.Object => Set(() => part.CacheControlJson = value.GetRawText()),
            _ => false,
        });
        return part;
    }

    /// <summary>Maps a base64 or url source of exactly the documented shape; any other source (file ids, extra fields) stays raw.</summary>
    private static bool ReadImageSource(ImagePart part, JsonElement source)
    {
        if (AnthropicSource.TryRead(source, out var parsed) && parsed.Kind is "base64" or "url")
        {
            part.MediaType = parsed.MediaType;
            part.Base64Data = parsed.Data;
            part.Url = parsed.Url;
            return true;
        }
        return false;
    }

    private static FilePart ReadDocument(JsonElement element)
    {
        var part = new FilePart();
        part.Extensions = Rest(element, (name, value) => name switch
        {
            "source" => ReadDocumentSource(part, value),
            "title" when value.ValueKind == JsonValueKind.String => Set(() => part.FileName = value.GetString()),
            "cache_control" when value.ValueKind == JsonValueKind.Object => Set(() => part.CacheControlJson = value.GetRawText()),
            _ => false,
        });
        return part;
    }

    private static bool ReadDocumentSource(FilePart part, JsonElement source)
    {
        if (!AnthropicSource.TryRead(source, out var parsed) || parsed.Kind is not ("base64" or "url" or "file"))
        {
            return false; // text and content sources have no canonical slot: kept raw
        }
        part.MediaType = parsed.MediaType;
        part.Base64Data = parsed.Data;
        part.Url = parsed.Url;
        part.FileId = parsed.FileId;
        return true;
    }

    private static ToolCallPart ReadToolUse(JsonElement element, string path)
    {
        string id = AnthropicJsonRead.RequiredString(element, "id", path);
        string name = AnthropicJsonRead.RequiredString(element, "name", path);
        // input stays the raw JSON text: never parsed and re-serialised (key order and number spelling survive).
        var part = new ToolCallPart(id, name, AnthropicJsonRead.Required(element, "input", path).GetRawText());
        part.Extensions = Rest(element, (n, _) => n is "id" or "name" or "input");
        return part;
    }

    private static ToolResultPart ReadToolResult(JsonElement element, string path)
    {
        var part = new ToolResultPart(AnthropicJsonRead.RequiredString(element, "tool_use_id", path));
        part.Extensions = Rest(element, (name, value) => name switch
        {
            "tool_use_id" => true,
            "content" when value.ValueKind == JsonValueKind.String || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
                => ReadResultContent(part, value, AnthropicJsonRead.Join(path, "content")),
            "is_error" when value.ValueKind == JsonValueKind.True => Set(() => part.IsError = true),
            "cache_control" when value.ValueKind == JsonValueKind.Object => Set(() => part.CacheControlJson = value.GetRawText()),
            _ => false, // an empty content array and an explicit is_error:false stay raw, so they come back as sent
        });
        return part;
    }

    private static bool ReadResultContent(ToolResultPart part, JsonElement value, string path)
    {
        ReadContent(part.Content, value, path, out bool isString);
        part.ContentIsString = isString;
        return true;
    }

    private static ReasoningPart ReadThinking(JsonElement element, string path)
    {
        var part = new ReasoningPart { Text = AnthropicJsonRead.RequiredString(element, "thinking", path) };
        part.Extensions = Rest(element, (name, value) => name switch
        {
            "thinking" => true,
            "signature" when value.ValueKind == JsonValueKind.String => Set(() => part.Signature = value.GetString()),
            _ => false,
        });
        return part;
    }

    private static ReasoningPart ReadRedacted(JsonElement element, string path)
    {
        var part = new ReasoningPart { RedactedData = AnthropicJsonRead.RequiredString(element, "data", path) };
        part.Extensions = Rest(element, (name, _) => name == "data");
        return part;
    }

    /// <summary>Runs <paramref name="consume"/> over every field but "type"; what it declines is kept raw.</summary>
    private static JsonExtensions? Rest(JsonElement element, Func<string, JsonElement, bool> consume)
    {
        JsonExtensions? extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "type" && !consume(property.Name, property.Value))
            {
                AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        return extensions;
    }

    private static bool Set(Action assign)
    {
        assign();
        return true;
    }
}
