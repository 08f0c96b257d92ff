using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Reads one chat message (request history, or a response's choices[0].message) into a <see cref="ChatMessage"/>.
/// A "tool" message becomes a Tool-role message holding one <see cref="ToolResultPart"/>; a legacy "function" message
/// the same with an empty call id and the function's name (the writer turns an empty id back into role "function").
/// </summary>
internal static class OpenAIChatMessageReader
{
    public static ChatMessage Read(JsonElement element, string path, bool isResponse)
    {
        JsonRead.Object(element, path);
        string role = JsonRead.String(JsonRead.Required(element, "role", path), JsonRead.Join(path, "role"));
        return role is "tool" or "function"
            ? ReadToolResult(element, path, role)
            : ReadMessage(element, path, role, isResponse);
    }

    private static ChatMessage ReadMessage(JsonElement element, string path, string role, bool isResponse)
    {
        var message = new ChatMessage(new ChatRole(role));
        JsonExtensions? extensions = null;
        var toolCalls = new List<ContentPart>();
        JsonElement refusal = default;
        JsonElement annotations = default;
        foreach (var property in element.EnumerateObject())
        {
            string propertyPath = JsonRead.Join(path, property.Name);
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null && property.Name != "content")
            {
                JsonRead.Keep(ref extensions, property.Name, value); // an explicit null has no canonical slot
                continue;
            }
            switch (property.Name)
            {
                case "role":
                    break;
                case "content":
                    ReadContent(message.Parts, value, propertyPath, out bool isString, out bool isNull);
                    message.ContentIsString = isString;
                    message.ContentIsNull = isNull;
                    break;
                case "name":
                    message.Name = JsonRead.String(value, propertyPath);
                    break;
                case "refusal":
                    JsonRead.String(value, propertyPath);
                    refusal = value;
                    break;
                case "tool_calls":
                    OpenAIChatToolCallReader.ReadToolCalls(value, propertyPath, toolCalls);
                    break;
                case "function_call":
                    toolCalls.Add(OpenAIChatToolCallReader.ReadFunctionCall(value, propertyPath));
                    break;
                case "annotations" when isResponse:
                    annotations = value;
                    break;
                case "reasoning_content" when isResponse && value.ValueKind == JsonValueKind.String:
                    message.Parts.Insert(0, new ReasoningPart { Text = value.GetString() });
                    break;
                default:
                    JsonRead.Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        Finish(message, refusal, toolCalls, annotations, ref extensions);
        message.Extensions = extensions;
        return message;
    }

    /// <summary>
    /// Puts the message-level refusal after the content and the tool calls last. A refusal field beside array (or
    /// absent) content stays raw: the writer emits refusal parts inside an array there, so mapping it would move it.
    /// </summary>
    private static void Finish(ChatMessage message, JsonElement refusal, List<ContentPart> toolCalls, JsonElement annotations, ref JsonExtensions? extensions)
    {
        if (refusal.ValueKind == JsonValueKind.String)
        {
            if (message.ContentIsString || message.ContentIsNull)
            {
                message.Parts.Add(new RefusalPart(refusal.GetString()!));
            }
            else
            {
                JsonRead.Keep(ref extensions, "refusal", refusal);
            }
        }
        if (annotations.ValueKind != JsonValueKind.Undefined)
        {
            var text = message.Parts.OfType<TextPart>().FirstOrDefault();
            if (text is not null)
            {
                text.AnnotationsJson = annotations.GetRawText();
            }
            else
            {
                JsonRead.Keep(ref extensions, "annotations", annotations);
            }
        }
        message.Parts.AddRange(toolCalls);
    }

    private static ChatMessage ReadToolResult(JsonElement element, string path, string role)
    {
        bool legacy = role == "function";
        string callId = legacy ? "" : JsonRead.String(JsonRead.Required(element, "tool_call_id", path), JsonRead.Join(path, "tool_call_id"));
        var result = new ToolResultPart(callId);
        var message = new ChatMessage(ChatRole.Tool);
        JsonExtensions? extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            string propertyPath = JsonRead.Join(path, property.Name);
            switch (property.Name)
            {
                case "role":
                case "tool_call_id" when !legacy:
                    break;
                case "content":
                    ReadContent(result.Content, property.Value, propertyPath, out bool isString, out bool isNull);
                    result.ContentIsString = isString;
                    message.ContentIsNull = isNull;
                    break;
                case "name" when legacy:
                    result.ToolName = JsonRead.String(property.Value, propertyPath);
                    break;
                case "name" when property.Value.ValueKind == JsonValueKind.String:
                    message.Name = property.Value.GetString();
                    break;
                default:
                    JsonRead.Keep(ref extensions, property.Name, property.Value);
                    break;
            }
        }
        if (legacy && result.ToolName is null)
        {
            throw new OpenAIChatFormatException(JsonRead.Join(path, "name"), "required property is missing");
        }
        message.Parts.Add(result);
        message.Extensions = extensions;
        return message;
    }

    private static void ReadContent(List<ContentPart> parts, JsonElement value, string path, out bool isString, out bool isNull)
    {
        isString = false;
        isNull = false;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                isString = true;
                parts.Add(new TextPart(value.GetString()!));
                break;
            case JsonValueKind.Null:
                isNull = true;
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    parts.Add(OpenAIChatPartReader.Read(item, JsonRead.Index(path, index++)));
                }
                break;
            default:
                throw JsonRead.Expected(path, "a string or an array");
        }
    }
}
