using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// Custom (free-form input) tools such as Codex's apply_patch exist only in OpenAI's APIs. For any other provider
/// each becomes a function with one string parameter, <see cref="InputParameter"/>, that carries the free-form
/// text; earlier custom calls in the history are rewritten the same way, and the provider's calls of those
/// functions are turned back into custom calls (<see cref="Restore"/>, <see cref="CustomToolStreamFilter"/>), so
/// the client sees the tool it declared. A grammar or format the tool declares is described to the model in words:
/// no other provider can enforce it.
/// </summary>
public static class CustomToolBridge
{
    public const string InputParameter = "input";

    /// <summary>
    /// Rewrites the request's custom tools and custom calls as functions; returns the names of the bridged tools
    /// (empty when the request has none, and then the request is untouched).
    /// </summary>
    public static HashSet<string> Apply(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in request.Tools)
        {
            if (tool.Kind != ToolKind.Custom)
            {
                continue;
            }
            names.Add(tool.Name);
            tool.Kind = ToolKind.Function;
            tool.ParametersJson = InputSchema(FormatHint(tool.RawDefinitionJson));
            tool.RawDefinitionJson = null;
        }
        foreach (var part in request.Messages.SelectMany(m => m.Parts))
        {
            if (part is ToolCallPart { Kind: ToolKind.Custom } call)
            {
                names.Add(call.Name);
                call.Kind = ToolKind.Function;
                call.ArgumentsJson = WrapInput(call.ArgumentsJson);
            }
        }
        return names;
    }

    /// <summary>Turns calls of bridged tools in a complete answer back into custom calls with their raw input.</summary>
    public static void Restore(ChatResponse response, IReadOnlySet<string> bridged)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (bridged.Count == 0)
        {
            return;
        }
        foreach (var part in response.Message.Parts)
        {
            if (part is ToolCallPart { Kind: ToolKind.Function } call && bridged.Contains(call.Name))
            {
                call.Kind = ToolKind.Custom;
                call.ArgumentsJson = UnwrapInput(call.ArgumentsJson);
            }
        }
    }

    /// <summary>{"input": text} as JSON.</summary>
    public static string WrapInput(string input)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(InputParameter, input);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The text under "input"; arguments of another shape are passed on as they are rather than lost.</summary>
    public static string UnwrapInput(string argumentsJson)
    {
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(InputParameter, out var input) && input.ValueKind == JsonValueKind.String
                ? input.GetString()!
                : argumentsJson;
        }
        catch (JsonException)
        {
            return argumentsJson;
        }
    }

    private static string InputSchema(string? formatHint)
    {
        string description = "The tool's complete free-form input as plain text (not JSON)." + (formatHint is null ? "" : " " + formatHint);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            writer.WriteStartObject(InputParameter);
            writer.WriteString("type", "string");
            writer.WriteString("description", description);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("required");
            writer.WriteStringValue(InputParameter);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>"It must follow this lark grammar: …" from a custom tool's format, or null for free text.</summary>
    private static string? FormatHint(string? rawDefinition)
    {
        if (rawDefinition is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(rawDefinition);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f
            : root.TryGetProperty("custom", out var nested) && nested.ValueKind == JsonValueKind.Object && nested.TryGetProperty("format", out var nf) ? nf
            : default;
        if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type", out var type) || type.ValueEquals("text"))
        {
            return null;
        }
        if (format.TryGetProperty("definition", out var definition) && definition.ValueKind == JsonValueKind.String)
        {
            string syntax = format.TryGetProperty("syntax", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "the given";
            return $"It must follow this {syntax} grammar:\n{definition.GetString()}";
        }
        return null;
    }
}
