using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Writes canonical content parts as Responses message content: input_text (output_text in an assistant message),
/// refusal, input_image, input_file; this protocol's raw parts verbatim. Parts it cannot carry are skipped.
/// </summary>
internal static class ResponsesPartWriter
{
    /// <summary>True for parts that belong in a message item's content array.</summary>
    public static bool IsContent(ContentPart part) => part switch
    {
        TextPart or RefusalPart or ImagePart or FilePart => true,
        RawPart raw => raw.Source == WireProtocol.OpenAIResponses && !ResponsesItemReader.IsRawItem(raw),
        _ => false,
    };

    public static void WriteArray(JsonFieldWriter writer, IEnumerable<ContentPart> parts, bool assistant)
    {
        writer.Json.WriteStartArray();
        foreach (var part in parts)
        {
            Write(writer, part, assistant);
        }
        writer.Json.WriteEndArray();
    }

    public static void Write(JsonFieldWriter writer, ContentPart part, bool assistant)
    {
        if (part is RawPart raw)
        {
            if (IsContent(raw))
            {
                writer.Json.WriteRawValue(raw.Json);
            }
            return;
        }
        if (!IsContent(part))
        {
            return;
        }
        writer.StartObject();
        switch (part)
        {
            case TextPart text:
                WriteText(writer, text, assistant);
                break;
            case RefusalPart refusal when assistant:
                writer.String("type", "refusal");
                writer.String("refusal", refusal.Text);
                break;
            case RefusalPart refusal:
                writer.String("type", "input_text");
                writer.String("text", refusal.Text);
                break;
            case ImagePart image:
                WriteImage(writer, image);
                break;
            case FilePart file:
                WriteFile(writer, file);
                break;
        }
        writer.Extensions(part.Extensions);
        writer.EndObject();
    }

    private static void WriteText(JsonFieldWriter writer, TextPart text, bool assistant)
    {
        string type = KeptString(text.Extensions, "type") ?? (assistant ? "output_text" : "input_text");
        writer.String("type", type);
        writer.String("text", text.Text);
        if (type != "output_text")
        {
            return;
        }
        // Other protocols' citations (Chat url_citation objects, Anthropic citations) have another shape: not carried.
        if (IsOurs(text.Extensions))
        {
            if (text.AnnotationsJson is not null)
            {
                writer.Raw("annotations", text.AnnotationsJson);
            }
        }
        else
        {
            writer.Name("annotations");
            writer.Json.WriteStartArray();
            writer.Json.WriteEndArray();
        }
    }

    private static void WriteImage(JsonFieldWriter writer, ImagePart image)
    {
        writer.String("type", "input_image");
        if (image.Url is not null)
        {
            writer.String("image_url", image.Url);
        }
        else if (image.Base64Data is not null)
        {
            writer.String("image_url", DataUrl.Build(image.MediaType ?? "image/png", image.Base64Data));
        }
        if (image.FileId is not null)
        {
            writer.String("file_id", image.FileId);
        }
        if (image.Detail is not null || !IsOurs(image.Extensions))
        {
            writer.String("detail", image.Detail ?? "auto"); // the API documents detail as required; auto is its default
        }
    }

    private static void WriteFile(JsonFieldWriter writer, FilePart file)
    {
        writer.String("type", "input_file");
        if (file.FileId is not null)
        {
            writer.String("file_id", file.FileId);
        }
        if (file.Url is not null)
        {
            writer.String("file_url", file.Url);
        }
        if (file.Base64Data is not null)
        {
            writer.String("file_data", file.MediaType is null ? file.Base64Data : DataUrl.Build(file.MediaType, file.Base64Data));
        }
        string? name = file.FileName;
        if (name is null && file.Base64Data is not null && !IsOurs(file.Extensions))
        {
            name = "document" + Extension(file.MediaType); // OpenAI asks for a filename beside inline file_data
        }
        if (name is not null)
        {
            writer.String("filename", name);
        }
    }

    private static string Extension(string? mediaType) => mediaType?.ToUpperInvariant() switch
    {
        "APPLICATION/PDF" => ".pdf",
        "TEXT/PLAIN" => ".txt",
        "TEXT/MARKDOWN" => ".md",
        "TEXT/CSV" => ".csv",
        "APPLICATION/JSON" => ".json",
        _ => "",
    };
}
