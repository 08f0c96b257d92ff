using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Writes tools and tool_choice. A function from another protocol gets "strict": false and an empty object schema
/// when it declares none: Responses treats a function without "strict" as strict, which rejects the ordinary
/// (non-strict) schemas Chat and Anthropic clients send. A Chat custom tool ({type:custom, custom:{…}}) is flattened
/// to Responses' shape; another protocol's hosted tool (Anthropic web_search…) has no equivalent here and is dropped.
/// </summary>
internal static class ResponsesToolWriter
{
    private const string EmptySchema = "{\"type\":\"object\",\"properties\":{}}";

    public static void WriteTools(JsonFieldWriter writer, List<ToolDefinition> tools)
    {
        if (tools.Count == 0)
        {
            return;
        }
        writer.StartArray("tools");
        foreach (var tool in tools)
        {
            Write(writer, tool);
        }
        writer.EndArray();
    }

    public static void Write(JsonFieldWriter writer, ToolDefinition tool)
    {
        bool ours = IsOurs(tool.Extensions);
        if (tool.Kind != ToolKind.Function && ours && tool.RawDefinitionJson is not null)
        {
            writer.Json.WriteRawValue(tool.RawDefinitionJson);
            return;
        }
        if (tool.Kind == ToolKind.Hosted)
        {
            return;
        }
        writer.StartObject();
        writer.String("type", tool.Kind == ToolKind.Custom ? "custom" : "function");
        writer.String("name", tool.Name);
        if (tool.Description is not null)
        {
            writer.String("description", tool.Description);
        }
        if (tool.Kind == ToolKind.Custom)
        {
            WriteCustomFormat(writer, tool.RawDefinitionJson);
        }
        else
        {
            if (tool.ParametersJson is not null || !ours)
            {
                writer.Raw("parameters", tool.ParametersJson ?? EmptySchema);
            }
            if (tool.Strict is not null || !ours)
            {
                writer.Bool("strict", tool.Strict ?? false);
            }
            writer.Extensions(tool.Extensions);
        }
        writer.EndObject();
    }

    /// <summary>The grammar/text "format" of a Chat custom tool definition ({type:custom, custom:{name, format}}), if any.</summary>
    private static void WriteCustomFormat(JsonFieldWriter writer, string? rawDefinition)
    {
        if (rawDefinition is null)
        {
            return;
        }
        using var document = JsonDocument.Parse(rawDefinition);
        var root = document.RootElement;
        var inner = root.TryGetProperty("custom", out var custom) && custom.ValueKind == JsonValueKind.Object ? custom : root;
        if (inner.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object)
        {
            writer.Raw("format", format.GetRawText());
        }
    }

    public static void WriteToolChoice(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.ToolChoice is not { } choice)
        {
            return;
        }
        if (choice.Mode != ToolChoiceMode.Tool)
        {
            writer.String("tool_choice", Word(choice.Mode));
            return;
        }
        var tool = request.Tools.Find(t => t.Name == choice.ToolName);
        writer.StartObject("tool_choice");
        writer.String("type", tool?.Kind == ToolKind.Custom ? "custom" : "function");
        writer.String("name", choice.ToolName);
        writer.EndObject();
    }

    public static string Word(ToolChoiceMode mode) => mode switch
    {
        ToolChoiceMode.None => "none",
        ToolChoiceMode.Required => "required",
        _ => "auto",
    };
}
