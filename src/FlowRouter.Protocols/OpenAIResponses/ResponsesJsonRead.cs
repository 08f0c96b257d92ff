using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>Typed accessors over <see cref="JsonElement"/> that fail with the JSON path, and the extension bag helpers.</summary>
internal static class ResponsesJsonRead
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

    public static JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Expected(path, "an object");

    public static JsonElement Array(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value : throw Expected(path, "an array");

    public static JsonElement Required(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) ? value : throw new ResponsesFormatException(Join(path, name), "required property is missing");

    public static string RequiredString(JsonElement obj, string name, string path) => String(Required(obj, name, path), Join(path, name));

    /// <summary>A string property, or null when it is missing, null or not a string (lenient: for responses and streams).</summary>
    public static string? TryString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? TryLong(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out long number) ? number : null;

    public static string? OptionalString(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(value, Join(path, name)) : null;

    public static ResponsesFormatException Expected(string path, string what) => new(path, "expected " + what);

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Adds a raw field to an extension bag, creating it on first use.</summary>
    public static void Keep(ref JsonExtensions? extensions, string name, JsonElement value)
    {
        extensions ??= new JsonExtensions(WireProtocol.OpenAIResponses);
        extensions.Add(name, value.GetRawText());
    }

    /// <summary>
    /// Adds a marker: a dotted key that <see cref="Json.JsonFieldWriter.Extensions"/> never writes as a field, telling
    /// this protocol's writer how the source was shaped (an object given empty, input given as a string).
    /// </summary>
    public static void Mark(ref JsonExtensions? extensions, string marker)
    {
        extensions ??= new JsonExtensions(WireProtocol.OpenAIResponses);
        extensions.Add(marker, "true");
    }

    public static bool HasMark(JsonExtensions? extensions, string marker) => Kept(extensions, marker) is not null;

    /// <summary>True when the bag came from this protocol (even empty: readers use an empty bag to mark origin).</summary>
    public static bool IsOurs(JsonExtensions? extensions) => extensions?.Source == WireProtocol.OpenAIResponses;

    /// <summary>A kept raw field of this protocol, or null.</summary>
    public static string? Kept(JsonExtensions? extensions, string name) => IsOurs(extensions) ? extensions!.Get(name) : null;

    /// <summary>A kept raw JSON string field's value, or null.</summary>
    public static string? KeptString(JsonExtensions? extensions, string name)
    {
        if (Kept(extensions, name) is not { } raw)
        {
            return null;
        }
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
    }
}
