using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>Writes tool declarations and the tool choice, as tools/tool_choice or the legacy functions/function_call.</summary>
internal static class OpenAIChatToolWriter
{
    public static void WriteTools(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return;
        }
        writer.StartArray(request.LegacyFunctions ? "functions" : "tools");
        foreach (var tool in request.Tools)
        {
            if (request.LegacyFunctions)
            {
                WriteFunction(writer, tool, null);
            }
            else
            {
                WriteTool(writer, tool);
            }
        }
        writer.EndArray();
    }

    private static void WriteTool(JsonFieldWriter writer, ToolDefinition tool)
    {
        bool fromOtherProtocol = tool.Extensions is { } origin && origin.Source != WireProtocol.OpenAIChat;
        if (tool.Kind != ToolKind.Function && tool.RawDefinitionJson is not null && !fromOtherProtocol)
        {
            writer.Json.WriteRawValue(tool.RawDefinitionJson);
            return;
        }
        if (tool.Kind == ToolKind.Hosted)
        {
            return; // another protocol's hosted tool (e.g. Anthropic web_search) has no OpenAI Chat equivalent
        }
        writer.StartObject();
        string type = tool.Kind == ToolKind.Custom ? "custom" : "function";
        writer.String("type", type);
        WriteFunction(writer, tool, type);
        writer.Extensions(tool.Extensions, "tool.");
        writer.EndObject();
    }

    private static void WriteFunction(JsonFieldWriter writer, ToolDefinition tool, string? name)
    {
        writer.StartObject(name);
        writer.String("name", tool.Name);
        if (tool.Description is not null)
        {
            writer.String("description", tool.Description);
        }
        if (tool.ParametersJson is not null && tool.Kind == ToolKind.Function)
        {
            writer.Raw("parameters", tool.ParametersJson);
        }
        if (tool.Strict is { } strict && tool.Kind == ToolKind.Function)
        {
            writer.Bool("strict", strict);
        }
        writer.Extensions(tool.Extensions);
        writer.EndObject();
    }

    public static void WriteToolChoice(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.ToolChoice is not { } choice)
        {
            return;
        }
        if (request.LegacyFunctions)
        {
            WriteFunctionChoice(writer, choice);
            return;
        }
        if (choice.Mode != ToolChoiceMode.Tool)
        {
            writer.String("tool_choice", ModeWord(choice.Mode));
            return;
        }
        bool custom = request.Tools.Exists(t => t.Name == choice.ToolName && t.Kind == ToolKind.Custom);
        string type = custom ? "custom" : "function";
        writer.StartObject("tool_choice");
        writer.String("type", type);
        writer.StartObject(type);
        writer.String("name", choice.ToolName);
        writer.EndObject();
        writer.EndObject();
    }

    private static void WriteFunctionChoice(JsonFieldWriter writer, ToolChoice choice)
    {
        if (choice.Mode != ToolChoiceMode.Tool)
        {
            // functions had no "required"; the closest is letting the model choose
            writer.String("function_call", choice.Mode == ToolChoiceMode.None ? "none" : "auto");
            return;
        }
        writer.StartObject("function_call");
        writer.String("name", choice.ToolName);
        writer.EndObject();
    }

    private static string ModeWord(ToolChoiceMode mode) => mode switch
    {
        ToolChoiceMode.None => "none",
        ToolChoiceMode.Required => "required",
        _ => "auto",
    };
}
