using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>response_format ⇄ <see cref="ResponseFormat"/>: text, json_object, json_schema {name, description, schema, strict}.</summary>
internal static class OpenAIChatResponseFormatJson
{
    /// <summary>The canonical format, or null for a shape it cannot hold exactly (the caller keeps that raw).</summary>
    public static ResponseFormat? Read(JsonElement value, string path)
    {
        JsonRead.Object(value, path);
        string type = JsonRead.String(JsonRead.Required(value, "type", path), JsonRead.Join(path, "type"));
        int count = value.EnumerateObject().Count();
        return type switch
        {
            "text" when count == 1 => new ResponseFormat(ResponseFormatKind.Text),
            "json_object" when count == 1 => new ResponseFormat(ResponseFormatKind.JsonObject),
            "json_schema" when count == 2 && value.TryGetProperty("json_schema", out var schema) => ReadSchema(schema, JsonRead.Join(path, "json_schema")),
            _ => null,
        };
    }

    private static ResponseFormat? ReadSchema(JsonElement value, string path)
    {
        JsonRead.Object(value, path);
        var format = new ResponseFormat(ResponseFormatKind.JsonSchema);
        foreach (var property in value.EnumerateObject())
        {
            var item = property.Value;
            switch (property.Name)
            {
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
                    return null; // an unknown or null field: keep the whole response_format raw instead
            }
        }
        return format;
    }

    public static void Write(JsonFieldWriter writer, ResponseFormat format)
    {
        writer.StartObject("response_format");
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
                WriteSchema(writer, format);
                break;
        }
        writer.EndObject();
    }

    private static void WriteSchema(JsonFieldWriter writer, ResponseFormat format)
    {
        writer.StartObject("json_schema");
        writer.String("name", format.SchemaName ?? "response"); // OpenAI requires a name; other protocols may lack one
        if (format.Description is not null)
        {
            writer.String("description", format.Description);
        }
        if (format.SchemaJson is not null)
        {
            writer.Raw("schema", format.SchemaJson);
        }
        if (format.Strict is { } strict)
        {
            writer.Bool("strict", strict);
        }
        writer.EndObject();
    }
}
