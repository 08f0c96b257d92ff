using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>Writes an assistant's tool calls as tool_calls entries, or a legacy call as function_call.</summary>
internal static class OpenAIChatToolCallWriter
{
    public static void WriteToolCalls(JsonFieldWriter writer, List<ToolCallPart> calls)
    {
        ToolCallPart? legacy = calls.Find(c => c.LegacyFunctionCall);
        if (legacy is not null)
        {
            writer.StartObject("function_call");
            writer.String("name", legacy.Name);
            writer.String("arguments", legacy.ArgumentsJson);
            writer.Extensions(legacy.Extensions);
            writer.EndObject();
        }
        if (!calls.Exists(c => !c.LegacyFunctionCall))
        {
            return;
        }
        writer.StartArray("tool_calls");
        foreach (var call in calls)
        {
            if (!call.LegacyFunctionCall)
            {
                WriteToolCall(writer, call);
            }
        }
        writer.EndArray();
    }

    private static void WriteToolCall(JsonFieldWriter writer, ToolCallPart call)
    {
        string type = call.Kind == ToolKind.Custom ? "custom" : "function";
        writer.StartObject();
        writer.String("id", call.Id);
        writer.String("type", type);
        writer.StartObject(type);
        writer.String("name", call.Name);
        writer.String(type == "custom" ? "input" : "arguments", call.ArgumentsJson);
        writer.Extensions(call.Extensions, type + ".");
        writer.EndObject();
        writer.Extensions(call.Extensions);
        writer.EndObject();
    }
}
