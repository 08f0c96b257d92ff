using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// Structured output for a model that has no native JSON-schema mode: the schema becomes the input schema of one
/// extra tool the model is told to call with its answer, and the call is turned back into the answer's text on the
/// way out (<see cref="AnswerOf"/>, <see cref="StructuredOutputStreamFilter"/>), so the client sees plain JSON text
/// and its usual finish reason. Tool input must be an object, so a schema whose root is not an object (an array, a
/// string) is wrapped in {"value": …} and unwrapped again. Everything here is derived from the request alone, so the
/// writer and the reader of one exchange agree without sharing state.
/// </summary>
public sealed class StructuredOutputTool
{
    public const string BaseName = "structured_output";
    public const string WrapProperty = "value";

    private StructuredOutputTool(string name, string inputSchemaJson, bool wrapped, string? description)
    {
        Name = name;
        InputSchemaJson = inputSchemaJson;
        Wrapped = wrapped;
        Description = description;
    }

    /// <summary>The tool's name: <see cref="BaseName"/>, suffixed when a real tool already uses it.</summary>
    public string Name { get; }

    public string InputSchemaJson { get; }

    /// <summary>True when the answer schema was wrapped in an object under <see cref="WrapProperty"/>.</summary>
    public bool Wrapped { get; }

    private string? Description { get; }

    /// <summary>Said in the system prompt when the tool cannot be forced (Anthropic rejects forced tools with thinking).</summary>
    public string Instruction => $"Give your final answer by calling the `{Name}` tool; its input is the answer.";

    /// <summary>The tool for the request's JSON-schema response format, or null when it asks for none.</summary>
    public static StructuredOutputTool? For(ChatRequest request)
    {
        if (request.ResponseFormat is not { Kind: ResponseFormatKind.JsonSchema, SchemaJson: { } schema } format)
        {
            return null;
        }
        bool wrapped = !IsObjectSchema(schema);
        string input = wrapped
            ? $$"""{"type":"object","properties":{"{{WrapProperty}}":{{schema}}},"required":["{{WrapProperty}}"]}"""
            : schema;
        return new StructuredOutputTool(UnusedName(request), input, wrapped, format.Description);
    }

    public ToolDefinition Definition() => new(Name)
    {
        Description = Description is null
            ? "Call this tool with the final answer. Its input is the answer, in the required JSON structure."
            : "Call this tool with the final answer. Its input is the answer: " + Description,
        ParametersJson = InputSchemaJson,
    };

    /// <summary>The answer text for the tool's arguments: the arguments as given, or the wrapped value.</summary>
    public string AnswerText(string argumentsJson)
    {
        if (!Wrapped)
        {
            return argumentsJson;
        }
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(WrapProperty, out var value)
                ? value.GetRawText()
                : argumentsJson;
        }
        catch (JsonException)
        {
            return argumentsJson; // the model's text as it is beats an invented one
        }
    }

    /// <summary>
    /// Turns the tool's call in a complete answer into text. The finish reason becomes stop when that call was
    /// the only one; with real tool calls beside it, it stays tool_calls.
    /// </summary>
    public void AnswerOf(ChatResponse response)
    {
        var parts = response.Message.Parts;
        bool found = false;
        for (int i = 0; i < parts.Count; i++)
        {
            if (parts[i] is ToolCallPart call && call.Name == Name)
            {
                parts[i] = new TextPart(AnswerText(call.ArgumentsJson));
                found = true;
            }
        }
        if (found && response.FinishReason == FinishReason.ToolCalls && !parts.Exists(p => p is ToolCallPart))
        {
            response.FinishReason = FinishReason.Stop;
        }
    }

    private static bool IsObjectSchema(string schemaJson)
    {
        try
        {
            using var document = JsonDocument.Parse(schemaJson);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (!root.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.String && type.ValueEquals("object"));
        }
        catch (JsonException)
        {
            return true; // not ours to judge: the upstream reports a broken schema better than we could
        }
    }

    private static string UnusedName(ChatRequest request)
    {
        string name = BaseName;
        for (int n = 2; request.Tools.Exists(t => t.Name == name); n++)
        {
            name = BaseName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return name;
    }
}
