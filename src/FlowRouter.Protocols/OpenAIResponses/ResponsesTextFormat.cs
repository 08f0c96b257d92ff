using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// text.format ⇄ <see cref="ResponseFormat"/>: {type:text}, {type:json_object}, {type:json_schema, name, schema,
/// strict, description} — flat, unlike Chat's response_format.json_schema wrapper.
/// </summary>
internal static class ResponsesTextFormat
{
    /// <summary>Marks that the source had a "text" object (so an empty one comes back).</summary>
    public const string ObjectMarker = "marker.text";

    /// <summary>The canonical format, or null for a shape it cannot hold exactly (the caller keeps that raw).</summary>
    public static ResponseFormat? Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        int count = value.EnumerateObject().Count();
        return ResponsesJsonRead.TryString(value, "type") switch
        {
            "text" when count == 1 => new ResponseFormat(ResponseFormatKind.Text),
            "json_object" when count == 1 => new ResponseFormat(ResponseFormatKind.JsonObject),
            "json_schema" => ReadSchema(value),
            _ => null,
        };
    }

    private static ResponseFormat? ReadSchema(JsonElement value)
    {
        var format = new ResponseFormat(ResponseFormatKind.JsonSchema);
        foreach (var property in value.EnumerateObject())
        {
            var item = property.Value;
            switch (property.Name)
            {
                case "type":
                    break;
                case "name" when item.ValueKind == JsonValueKind.String:
                    format = format with { SchemaName = item.GetString() };
                    break;
                case "description" when item.ValueKind == JsonValueKind.String:
                    format = format with { Description = item.GetString() };
                    break;
                case "schema" when item.ValueKind == JsonValueKind.Object:
                    format = format with { SchemaJson = item.GetRawText() };
                    break;
                case "strict" when item.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    format = format with { Strict = item.GetBoolean() };
                    break;
                default:
                    return null; // an unknown or null field: keep the whole format raw instead
            }
        }
        return format;
    }

    public static void Write(JsonFieldWriter writer, ResponseFormat format)
    {
        writer.StartObject("format");
        switch (format.Kind)
        {
            case ResponseFormatKind.Text:
                writer.String("type", "text");
                break;
            case ResponseFormatKind.JsonObject:
                writer.String("type", "json_object");
                break;
            default:
                writer.String("type", "json_schema");
                writer.String("name", format.SchemaName ?? "response"); // required here; Anthropic and Gemini schemas have no name
                if (format.Description is not null)
                {
                    writer.String("description", format.Description);
                }
                writer.Raw("schema", format.SchemaJson ?? "{\"type\":\"object\"}");
                if (format.Strict is { } strict)
                {
                    writer.Bool("strict", strict);
                }
                break;
        }
        writer.EndObject();
    }

    /// <summary>The "text" object: the format and any kept text.* fields (verbosity…).</summary>
    public static void WriteText(JsonFieldWriter writer, ResponseFormat? format, JsonExtensions? extensions)
    {
        bool ours = ResponsesJsonRead.IsOurs(extensions);
        bool kept = ours && (ResponsesJsonRead.HasMark(extensions, ObjectMarker) || extensions!.Fields.Any(f => f.Key.StartsWith("text.", StringComparison.Ordinal)));
        if (format is null && !kept)
        {
            return;
        }
        writer.StartObject("text");
        if (format is not null)
        {
            Write(writer, format);
        }
        writer.Extensions(extensions, "text.");
        writer.EndObject();
    }
}
