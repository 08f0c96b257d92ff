using System.Text.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// An image or document "source" object of one of the documented shapes: {type:base64, media_type, data},
/// {type:url, url}, {type:file, file_id}. <see cref="TryRead"/> refuses anything with extra fields so that such a
/// source is kept raw and written back exactly.
/// </summary>
internal readonly record struct AnthropicSource(string Kind, string? MediaType, string? Data, string? Url, string? FileId)
{
    public static bool TryRead(JsonElement source, out AnthropicSource parsed)
    {
        parsed = default;
        if (source.ValueKind != JsonValueKind.Object || AnthropicJsonRead.TryString(source, "type") is not { } kind)
        {
            return false;
        }
        string[] expected = kind switch
        {
            "base64" => ["type", "media_type", "data"],
            "url" => ["type", "url"],
            "file" => ["type", "file_id"],
            _ => [],
        };
        int count = 0;
        foreach (var property in source.EnumerateObject())
        {
            if (Array.IndexOf(expected, property.Name) < 0 || property.Value.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            count++;
        }
        if (expected.Length == 0 || count != expected.Length)
        {
            return false;
        }
        parsed = new AnthropicSource(
            kind,
            AnthropicJsonRead.TryString(source, "media_type"),
            AnthropicJsonRead.TryString(source, "data"),
            AnthropicJsonRead.TryString(source, "url"),
            AnthropicJsonRead.TryString(source, "file_id"));
        return true;
    }
}
