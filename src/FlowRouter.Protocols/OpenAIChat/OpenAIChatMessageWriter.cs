using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Writes one canonical message as one or more OpenAI messages: each <see cref="ToolResultPart"/> becomes its own
/// "tool" message (role "function" for a legacy call with no id), placed before the rest of the message's content,
/// because OpenAI carries tool results as separate messages while Anthropic and Gemini put them inside a user turn.
/// Reasoning parts are dropped: OpenAI Chat requests have no field for them.
/// </summary>
internal static class OpenAIChatMessageWriter
{
    public static void Write(JsonFieldWriter writer, ChatMessage message)
    {
        bool toolRole = message.Role == ChatRole.Tool;
        foreach (var part in message.Parts)
        {
            if (part is ToolResultPart result)
            {
                WriteToolResult(writer, result, toolRole ? message : null);
            }
        }
        bool hadResults = message.Parts.Exists(p => p is ToolResultPart);
        if (hadResults && (toolRole || !message.Parts.Exists(p => OpenAIChatPartWriter.IsContent(p) || p is ToolCallPart)))
        {
            return; // nothing left besides the results written above
        }
        WriteMessage(writer, message);
    }

    /// <summary>A system message carrying <see cref="ChatRequest.System"/> (Anthropic system, Gemini systemInstruction).</summary>
    public static void WriteSystem(JsonFieldWriter writer, ChatRequest request)
    {
        writer.StartObject();
        writer.String("role", "system");
        writer.Name("content");
        WriteContent(writer, request.System, request.SystemIsString);
        writer.EndObject();
    }

    private static void WriteMessage(JsonFieldWriter writer, ChatMessage message)
    {
        var content = message.Parts.FindAll(OpenAIChatPartWriter.IsContent);
        var calls = message.Parts.OfType<ToolCallPart>().ToList();
        bool stringLike = message.ContentIsString || message.ContentIsNull;
        writer.StartObject();
        writer.String("role", message.Role.Value);
        if (message.Name is not null)
        {
            writer.String("name", message.Name);
        }
        var body = stringLike ? content.FindAll(p => p is not RefusalPart) : content;
        if (message.ContentIsNull && body.Count == 0)
        {
            writer.Null("content");
        }
        else if (body.Count > 0 || calls.Count == 0)
        {
            writer.Name("content");
            WriteContent(writer, body, message.ContentIsString);
        }
        if (stringLike && content.Exists(p => p is RefusalPart))
        {
            writer.String("refusal", Join(content.OfType<RefusalPart>().Select(r => r.Text)));
        }
        OpenAIChatToolCallWriter.WriteToolCalls(writer, calls);
        writer.Extensions(message.Extensions);
        writer.EndObject();
    }

    private static void WriteToolResult(JsonFieldWriter writer, ToolResultPart result, ChatMessage? toolMessage)
    {
        writer.StartObject();
        if (result.ToolCallId.Length == 0)
        {
            writer.String("role", "function");
            writer.String("name", result.ToolName ?? "");
        }
        else
        {
            writer.String("role", "tool");
            writer.String("tool_call_id", result.ToolCallId);
        }
        if (toolMessage?.ContentIsNull == true && result.Content.Count == 0)
        {
            writer.Null("content");
        }
        else
        {
            writer.Name("content");
            var content = result.Content.FindAll(OpenAIChatPartWriter.IsContent);
            WriteContent(writer, content, result.ContentIsString || content.Count == 0);
        }
        if (toolMessage?.Name is not null && !writer.Has("name"))
        {
            writer.String("name", toolMessage.Name);
        }
        writer.Extensions(toolMessage?.Extensions);
        writer.EndObject();
    }

    /// <summary>A plain string when the source gave one (text parts joined), else an array of parts.</summary>
    private static void WriteContent(JsonFieldWriter writer, List<ContentPart> parts, bool asString)
    {
        if (asString)
        {
            writer.Json.WriteStringValue(Join(parts.OfType<TextPart>().Select(t => t.Text)));
            return;
        }
        OpenAIChatPartWriter.WriteArray(writer, parts);
    }

    private static string Join(IEnumerable<string> texts)
    {
        var builder = new StringBuilder();
        foreach (string text in texts)
        {
            builder.Append(text);
        }
        return builder.ToString();
    }
}
