using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// A client's request body as a JSON tree, for the transforms that rewrite a few of its values (tool output, the
/// system prompt). Written back without escaping non-ASCII or HTML characters, so text the transform did not touch
/// reads as the client wrote it, and the same tree always gives the same bytes.
/// </summary>
internal static class RequestDocument
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A JsonObject throws ArgumentException on a repeated member name the first time it is indexed (a 500 in the
    /// middle of a transform); refused at the parse instead, such a body is one the transforms leave alone.
    /// </summary>
    internal static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// The body as an object, or null when it is not a JSON object or repeats a member name (the protocol's parser
    /// answers the first; the second goes on untouched, as the client sent it).
    /// </summary>
    public static JsonObject? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: DocumentOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Serialize(JsonObject document, int capacity)
    {
        using var buffer = new MemoryStream(capacity);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            document.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>The objects of a JSON array (anything else in it skipped), or none when the node is not an array.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>The node's text when it is a JSON string, else null.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
