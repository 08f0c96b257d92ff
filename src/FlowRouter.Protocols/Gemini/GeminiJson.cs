using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Shared JSON plumbing of the Gemini codec: writer settings, typed accessors that fail with the JSON path, and the
/// extension bags. Extension keys are dotted paths ("generationConfig.candidateCount"); keys starting with '@' are
/// this codec's own markers (how the source spelled something) and are never written as fields.
/// </summary>
internal static class GeminiJson
{
    /// <summary>Non-ASCII as UTF-8 rather than \uXXXX, like Google's own bodies; the output is an API body, never HTML.</summary>
    public static readonly JsonWriterOptions Writer = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static readonly JsonDocumentOptions Document = new() { MaxDepth = 256 };

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, string what)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, Document);
        }
        catch (JsonException ex)
        {
            throw new GeminiFormatException(null, what + " is not valid JSON: " + ex.Message, ex);
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

    /// <summary>An int32, also given as a string (proto3 JSON allows both for integers).</summary>
    public static int Int(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int i))
        {
            return i;
        }
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out i))
        {
            return i;
        }
        throw Expected(path, "an integer");
    }

    public static JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Expected(path, "an object");

    public static JsonElement Array(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value : throw Expected(path, "an array");

    public static string? TryString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool TryLong(JsonElement value, out long result)
    {
        result = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out result),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }

    public static GeminiFormatException Expected(string path, string what) => new(path, "expected " + what);

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static void Keep(ref JsonExtensions? extensions, string name, JsonElement value) => KeepRaw(ref extensions, name, value.GetRawText());

    public static void KeepRaw(ref JsonExtensions? extensions, string name, string rawJson)
    {
        extensions ??= new JsonExtensions(WireProtocol.Gemini);
        extensions.Add(name, rawJson);
    }

    public static bool IsGemini(JsonExtensions? extensions) => extensions?.Source == WireProtocol.Gemini;

    /// <summary>A kept field of a Gemini bag, or null (other protocols' bags never answer).</summary>
    public static string? Get(JsonExtensions? extensions, string key) => IsGemini(extensions) ? extensions!.Get(key) : null;

    public static bool Has(JsonExtensions? extensions, string key) => Get(extensions, key) is not null;

    /// <summary>True when a Gemini bag holds any field under <paramref name="prefix"/> (markers excluded).</summary>
    public static bool HasUnder(JsonExtensions? extensions, string prefix) =>
        IsGemini(extensions) && extensions!.Fields.Any(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Key[0] != '@');

    /// <summary>
    /// Writes the kept fields of one object level: keys under <paramref name="prefix"/> with no further dot, markers
    /// skipped, names the writer already wrote skipped (the canonical value wins).
    /// </summary>
    public static void WriteLevel(JsonFieldWriter writer, JsonExtensions? extensions, string prefix = "")
    {
        if (!IsGemini(extensions))
        {
            return;
        }
        foreach (var (key, raw) in extensions!.Fields)
        {
            if (key.Length == 0 || key[0] == '@' || !key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            string name = key[prefix.Length..];
            if (name.Length > 0 && !name.Contains('.', StringComparison.Ordinal) && !writer.Has(name))
            {
                writer.Raw(name, raw);
            }
        }
    }

    /// <summary>True when <paramref name="text"/> is a JSON object (a tool result that can be a functionResponse as is).</summary>
    public static bool IsJsonObject(string text)
    {
        var span = text.AsSpan().TrimStart();
        if (span.Length == 0 || span[0] != '{')
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
