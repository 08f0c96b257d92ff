using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.OpenAIChat;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Reads a message item's content (a string, or input_text / output_text / refusal / input_image / input_file parts)
/// into canonical parts. A part type this codec does not know stays a <see cref="RawPart"/>: it reaches a Responses
/// upstream unchanged and other protocols skip it. Fields without a canonical slot go to the part's extensions.
/// </summary>
internal static class ResponsesPartReader
{
    public static void ReadContent(List<ContentPart> parts, JsonElement value, string path, bool assistant, out bool isString)
    {
        isString = value.ValueKind == JsonValueKind.String;
        if (isString)
        {
            parts.Add(new TextPart(value.GetString()!));
            return;
        }
        Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            parts.Add(Read(item, Index(path, index++), assistant));
        }
    }

    public static ContentPart Read(JsonElement element, string path, bool assistant)
    {
        Object(element, path);
        string type = RequiredString(element, "type", path);
        ContentPart part = type switch
        {
            "input_text" or "output_text" => ReadText(element, path, type),
            "refusal" => new RefusalPart(RequiredString(element, "refusal", path)),
            "input_image" => ReadImage(element, path),
            "input_file" => ReadFile(element, path),
            _ => new RawPart(WireProtocol.OpenAIResponses, type, element.GetRawText()),
        };
        if (part is RawPart)
        {
            return part;
        }
        JsonExtensions? extensions = part.Extensions;
        foreach (var property in element.EnumerateObject())
        {
            if (!Consumed(type, property.Name))
            {
                Keep(ref extensions, property.Name, property.Value);
            }
        }
        // The writer picks input_text or output_text by role; a part that says otherwise keeps its word.
        if (type is "input_text" or "output_text" && (type == "output_text") != assistant)
        {
            Keep(ref extensions, "type", element.GetProperty("type"));
        }
        part.Extensions = extensions;
        return part;
    }

    private static bool Consumed(string type, string name) => name == "type" || (type, name) switch
    {
        ("input_text" or "output_text", "text") => true,
        ("output_text", "annotations") => true,
        ("refusal", "refusal") => true,
        ("input_image", "image_url" or "file_id" or "detail") => true,
        ("input_file", "file_id" or "file_data" or "file_url" or "filename") => true,
        _ => false,
    };

    private static TextPart ReadText(JsonElement element, string path, string type)
    {
        var part = new TextPart(RequiredString(element, "text", path));
        if (type == "output_text")
        {
            // Marks the part as this protocol's own output text: its annotations are Responses-shaped (or absent on purpose).
            part.Extensions = new JsonExtensions(WireProtocol.OpenAIResponses);
            if (element.TryGetProperty("annotations", out var annotations))
            {
                part.AnnotationsJson = annotations.GetRawText();
            }
        }
        return part;
    }

    private static ImagePart ReadImage(JsonElement element, string path)
    {
        var part = new ImagePart
        {
            FileId = OptionalString(element, "file_id", path),
            Detail = OptionalString(element, "detail", path),
            Extensions = new JsonExtensions(WireProtocol.OpenAIResponses), // origin: detail was optional here
        };
        if (OptionalString(element, "image_url", path) is { } url)
        {
            if (DataUrl.TryParse(url, out string mediaType, out string data))
            {
                part.MediaType = mediaType;
                part.Base64Data = data;
            }
            else
            {
                part.Url = url;
            }
        }
        if (part.Url is null && part.Base64Data is null && part.FileId is null)
        {
            throw new ResponsesFormatException(path, "input_image needs image_url or file_id");
        }
        return part;
    }

    private static FilePart ReadFile(JsonElement element, string path)
    {
        var part = new FilePart
        {
            FileId = OptionalString(element, "file_id", path),
            Url = OptionalString(element, "file_url", path),
            FileName = OptionalString(element, "filename", path),
            Extensions = new JsonExtensions(WireProtocol.OpenAIResponses),
        };
        if (OptionalString(element, "file_data", path) is { } fileData)
        {
            if (DataUrl.TryParse(fileData, out string mediaType, out string data))
            {
                part.MediaType = mediaType;
                part.Base64Data = data;
            }
            else
            {
                part.Base64Data = fileData;
            }
        }
        return part;
    }
}
