using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>Reads one element of a message's content array into a canonical part.</summary>
internal static class OpenAIChatPartReader
{
    public static ContentPart Read(JsonElement element, string path)
    {
        JsonRead.Object(element, path);
        string type = JsonRead.String(JsonRead.Required(element, "type", path), JsonRead.Join(path, "type"));
        return type switch
        {
            "text" => ReadText(element, path),
            "refusal" => ReadRefusal(element, path),
            "image_url" => ReadImage(element, path),
            "input_audio" => ReadAudio(element, path),
            "file" => ReadFile(element, path),
            _ => throw new OpenAIChatFormatException(JsonRead.Join(path, "type"), $"unsupported content part type '{type}'"),
        };
    }

    private static TextPart ReadText(JsonElement element, string path)
    {
        var part = new TextPart(JsonRead.String(JsonRead.Required(element, "text", path), JsonRead.Join(path, "text")));
        part.Extensions = Rest(element, "text");
        return part;
    }

    private static RefusalPart ReadRefusal(JsonElement element, string path)
    {
        var part = new RefusalPart(JsonRead.String(JsonRead.Required(element, "refusal", path), JsonRead.Join(path, "refusal")));
        part.Extensions = Rest(element, "refusal");
        return part;
    }

    private static ImagePart ReadImage(JsonElement element, string path)
    {
        string innerPath = JsonRead.Join(path, "image_url");
        var inner = JsonRead.Object(JsonRead.Required(element, "image_url", path), innerPath);
        string url = JsonRead.String(JsonRead.Required(inner, "url", innerPath), JsonRead.Join(innerPath, "url"));
        var part = new ImagePart { Detail = JsonRead.OptionalString(inner, "detail", innerPath) };
        if (DataUrl.TryParse(url, out string mediaType, out string data))
        {
            part.MediaType = mediaType;
            part.Base64Data = data;
        }
        else
        {
            part.Url = url;
        }
        part.Extensions = Rest(element, "image_url");
        return part;
    }

    private static FilePart ReadAudio(JsonElement element, string path)
    {
        string innerPath = JsonRead.Join(path, "input_audio");
        var inner = JsonRead.Object(JsonRead.Required(element, "input_audio", path), innerPath);
        string format = JsonRead.String(JsonRead.Required(inner, "format", innerPath), JsonRead.Join(innerPath, "format"));
        var part = new FilePart
        {
            Base64Data = JsonRead.String(JsonRead.Required(inner, "data", innerPath), JsonRead.Join(innerPath, "data")),
            MediaType = AudioFormats.ToMediaType(format),
        };
        part.Extensions = Rest(element, "input_audio");
        return part;
    }

    private static FilePart ReadFile(JsonElement element, string path)
    {
        string innerPath = JsonRead.Join(path, "file");
        var inner = JsonRead.Object(JsonRead.Required(element, "file", path), innerPath);
        var part = new FilePart
        {
            FileId = JsonRead.OptionalString(inner, "file_id", innerPath),
            FileName = JsonRead.OptionalString(inner, "filename", innerPath),
        };
        string? fileData = JsonRead.OptionalString(inner, "file_data", innerPath);
        if (fileData is not null && DataUrl.TryParse(fileData, out string mediaType, out string data))
        {
            part.MediaType = mediaType;
            part.Base64Data = data;
        }
        else
        {
            part.Base64Data = fileData;
        }
        part.Extensions = Rest(element, "file");
        return part;
    }

    /// <summary>Part-level fields besides "type" and the part's own payload (e.g. cache_control sent to OpenRouter).</summary>
    private static JsonExtensions? Rest(JsonElement element, string payload)
    {
        JsonExtensions? extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "type" && property.Name != payload)
            {
                JsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        return extensions;
    }
}
