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
        var fields = new MessageFields(new ChatMessage(new ChatRole(role)), isResponse);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null && property.Name != "content")
            {
                JsonRead.Keep(ref fields.Extensions, property.Name, property.Value); // an explicit null has no canonical slot
            }
            else if (!ReadMessageProperty(fields, property.Name, property.Value, JsonRead.Join(path, property.Name)))
            {
                JsonRead.Keep(ref fields.Extensions, property.Name, property.Value);
            }
        }
        var message = fields.Message;
        Finish(message, fields.Refusal, fields.ToolCalls, fields.Annotations, ref fields.Extensions);
        message.Extensions = fields.Extensions;
        return message;
    }

    /// <summary>Maps one message field; false when it has no canonical slot and must be kept raw.</summary>
    private static bool ReadMessageProperty(MessageFields fields, string name, JsonElement value, string path)
    {
        var message = fields.Message;
        switch (name)
        {
            case "role":
                return true;
            case "content":
                ReadContent(message.Parts, value, path, out bool isString, out bool isNull);
                message.ContentIsString = isString;
                message.ContentIsNull = isNull;
                return true;
            case "name":
                message.Name = JsonRead.String(value, path);
                return true;
            case "refusal":
                JsonRead.String(value, path);
                fields.Refusal = value;
                return true;
            case "tool_calls":
                OpenAIChatToolCallReader.ReadToolCalls(value, path, fields.ToolCalls);
                return true;
            case "function_call":
                fields.ToolCalls.Add(OpenAIChatToolCallReader.ReadFunctionCall(value, path));
                return true;
            case "annotations" when fields.IsResponse:
                fields.Annotations = value;
                return true;
            case "reasoning_content" when fields.IsResponse && value.ValueKind == JsonValueKind.String:
                message.Parts.Insert(0, new ReasoningPart { Text = value.GetString() });
                return true;
            default:
                return false;
        }
    }

    /// <summary>What a message's fields add up to while they are read in wire order.</summary>
    private sealed class MessageFields(ChatMessage message, bool isResponse)
    {
        public ChatMessage Message { get; } = message;
        public bool IsResponse { get; } = isResponse;
        public List<ContentPart> ToolCalls { get; } = [];
        public JsonElement Refusal { get; set; }
        public JsonElement Annotations { get; set; }
#pragma warning disable CA1051 // passed by ref to JsonRead.Keep, which creates the bag on first use
        public JsonExtensions? Extensions;
#pragma warning restore CA1051
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
