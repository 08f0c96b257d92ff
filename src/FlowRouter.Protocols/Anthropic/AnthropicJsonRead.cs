using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>Typed accessors over <see cref="JsonElement"/> that fail with the JSON path instead of a bare exception.</summary>
internal static class AnthropicJsonRead
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, string what)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, AnthropicJsonOptions.Document);
        }
        catch (JsonException ex)
        {
            throw new AnthropicFormatException(null, what + " is not valid JSON: " + ex.Message, ex);
        }
    }

    public static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected(path, "a string");

    public static bool Bool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected(path, "a boolean"),
    };

    public static double Double(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)
            ? double.IsFinite(d) ? d : throw Expected(path, "a finite number") // 1e400 reads as infinity, which no writer takes
            : throw Expected(path, "a number");

    public static int Int(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int i) ? i : throw Expected(path, "an integer");

    public static JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Expected(path, "an object");

    public static JsonElement Array(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value : throw Expected(path, "an array");

    public static JsonElement Required(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) ? value : throw new AnthropicFormatException(Join(path, name), "required property is missing");

    public static string RequiredString(JsonElement obj, string name, string path) =>
        String(Required(obj, name, path), Join(path, name));

    /// <summary>A string property's value, or null when it is missing or not a string (tolerant readers of responses).</summary>
    public static string? TryString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static AnthropicFormatException Expected(string path, string what) => new(path, "expected " + what);

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Adds a raw field to an extension bag, creating it on first use.</summary>
    public static void Keep(ref JsonExtensions? extensions, string name, JsonElement value)
    {
        extensions ??= new JsonExtensions(WireProtocol.Anthropic);
        extensions.Add(name, value.GetRawText());
    }
}
