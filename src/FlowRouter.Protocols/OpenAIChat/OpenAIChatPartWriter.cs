using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>Writes content parts as OpenAI content-array elements; parts the wire cannot carry are skipped.</summary>
internal static class OpenAIChatPartWriter
{
    /// <summary>True for parts that belong in a "content" value (text, refusal, image, file, audio).</summary>
    public static bool IsContent(ContentPart part) => part is TextPart or RefusalPart or ImagePart or FilePart;

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
        switch (part)
        {
            case TextPart text:
                writer.StartObject();
                writer.String("type", "text");
                writer.String("text", text.Text);
                break;
            case RefusalPart refusal:
                writer.StartObject();
                writer.String("type", "refusal");
                writer.String("refusal", refusal.Text);
                break;
            case ImagePart image:
                writer.StartObject();
                WriteImage(writer, image);
                break;
            case FilePart file when file.FileId is null && file.FileName is null && AudioFormats.FromMediaType(file.MediaType) is { } format:
                writer.StartObject();
                WriteAudio(writer, file, format);
                break;
            case FilePart file:
                writer.StartObject();
                WriteFile(writer, file);
                break;
            default:
                return;
        }
        writer.Extensions(part.Extensions);
        writer.EndObject();
    }

    private static void WriteImage(JsonFieldWriter writer, ImagePart image)
    {
        writer.String("type", "image_url");
        writer.StartObject("image_url");
        writer.String("url", image.Url ?? DataUrl.Build(image.MediaType, image.Base64Data ?? ""));
        if (image.Detail is not null)
        {
            writer.String("detail", image.Detail);
        }
        writer.EndObject();
    }

    private static void WriteAudio(JsonFieldWriter writer, FilePart file, string format)
    {
        writer.String("type", "input_audio");
        writer.StartObject("input_audio");
        writer.String("data", file.Base64Data ?? "");
        writer.String("format", format);
        writer.EndObject();
    }

    private static void WriteFile(JsonFieldWriter writer, FilePart file)
    {
        writer.String("type", "file");
        writer.StartObject("file");
        if (file.Base64Data is not null)
        {
            writer.String("file_data", file.MediaType is null ? file.Base64Data : DataUrl.Build(file.MediaType, file.Base64Data));
        }
        if (file.FileId is not null)
        {
            writer.String("file_id", file.FileId);
        }
        if (file.FileName is not null)
        {
            writer.String("filename", file.FileName);
        }
        writer.EndObject();
    }
}
