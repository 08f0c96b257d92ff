using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>Typed accessors over <see cref="JsonElement"/> that fail with the JSON path instead of a bare exception.</summary>
internal static class JsonRead
{
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

    public static long Long(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long l) ? l : throw Expected(path, "an integer");

    public static JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Expected(path, "an object");

    public static JsonElement Array(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value : throw Expected(path, "an array");

    /// <summary>A property's value, or a format error naming it when it is missing.</summary>
    public static JsonElement Required(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) ? value : throw new OpenAIChatFormatException(Join(path, name), "required property is missing");

    public static string? OptionalString(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(value, Join(path, name)) : null;

    public static OpenAIChatFormatException Expected(string path, string what) => new(path, "expected " + what);

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>Adds a raw field to an extension bag, creating it on first use.</summary>
    public static void Keep(ref JsonExtensions? extensions, string name, JsonElement value)
    {
        extensions ??= new JsonExtensions(WireProtocol.OpenAIChat);
        extensions.Add(name, value.GetRawText());
    }
}
