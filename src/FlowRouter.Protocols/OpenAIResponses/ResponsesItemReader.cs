using System.Text.Json;
using FlowRouter.Core.Canonical;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Reads Responses items (request input, response output) into canonical messages. Consecutive items of one
/// assistant turn — assistant message, reasoning, function_call, custom_tool_call and hosted *_call items — fold into
/// one assistant <see cref="ChatMessage"/> in item order, the way Anthropic and Gemini hold a turn:
/// <list type="bullet">
/// <item>the turn's first message item keeps its item fields (type, id, status, phase) in the message's extensions
/// (always a bag of this protocol, even empty: it marks that a message item was there); a later message item keeps
/// them on its first content part as "item.*" keys, which is also where the writer starts a new message item;</item>
/// <item>reasoning: one <see cref="ReasoningPart"/> per summary entry, all with the item id and an extension bag of
/// this protocol (the origin mark: Anthropic's writer never replays it as redacted_thinking); the first carries
/// encrypted_content as <see cref="ReasoningPart.RedactedData"/> and the item's other fields;</item>
/// <item>function_call / custom_tool_call: a <see cref="ToolCallPart"/> whose Id is call_id and ItemId the item id;</item>
/// <item>function_call_output / custom_tool_call_output: a Tool-role message with one <see cref="ToolResultPart"/>
/// (as the OpenAI Chat reader holds role "tool"); its item fields stay in the message's extensions;</item>
/// <item>other items (item_reference, computer_call_output…) become a <see cref="RawPart"/> typed "item:&lt;type&gt;" in a
/// user message of its own: exact for a Responses upstream, skipped by other protocols.</item>
/// </list>
/// </summary>
internal sealed class ResponsesItemReader(bool singleTurn)
{
    public const string RawItemPrefix = "item:";

    private ChatMessage? _turn;

    public List<ChatMessage> Messages { get; } = [];

    public static bool IsRawItem(RawPart part) => part.Type.StartsWith(RawItemPrefix, StringComparison.Ordinal);

    public void ReadAll(JsonElement items, string path)
    {
        Array(items, path);
        int index = 0;
        foreach (var item in items.EnumerateArray())
        {
            Read(item, Index(path, index++));
        }
    }

    public void Read(JsonElement item, string path)
    {
        Object(item, path);
        string type = item.TryGetProperty("type", out var typeValue)
            ? String(typeValue, Join(path, "type"))
            : item.TryGetProperty("role", out _) ? "message" : throw new ResponsesFormatException(Join(path, "type"), "required property is missing");
        switch (type)
        {
            case "message":
                ReadMessage(item, path);
                break;
            case "function_call" or "custom_tool_call":
                Turn().Parts.Add(ReadCall(item, path, type));
                break;
            case "reasoning":
                ReadReasoning(item, path, Turn().Parts);
                break;
            case "function_call_output" or "custom_tool_call_output" when !singleTurn:
                Close(ReadOutput(item, path));
                break;
            default:
                ReadOther(item, type);
                break;
        }
    }

    private ChatMessage Turn()
    {
        if (_turn is null)
        {
            _turn = new ChatMessage(ChatRole.Assistant);
            Messages.Add(_turn);
        }
        return _turn;
    }

    private void Close(ChatMessage message)
    {
        _turn = null;
        Messages.Add(message);
    }

    private void ReadMessage(JsonElement item, string path)
    {
        string role = RequiredString(item, "role", path);
        var content = Required(item, "content", path);
        if (role != "assistant" && !singleTurn)
        {
            var message = new ChatMessage(new ChatRole(role)) { Extensions = ItemFields(item, null) };
            ResponsesPartReader.ReadContent(message.Parts, content, Join(path, "content"), assistant: false, out bool isString);
            message.ContentIsString = isString;
            Close(message);
            return;
        }
        var turn = Turn();
        bool first = turn.Extensions is null;
        int start = turn.Parts.Count;
        ResponsesPartReader.ReadContent(turn.Parts, content, Join(path, "content"), assistant: true, out bool contentIsString);
        if (first)
        {
            turn.Extensions = ItemFields(item, null);
            turn.ContentIsString = contentIsString;
            return;
        }
        if (start < turn.Parts.Count)
        {
            var part = turn.Parts[start];
            var extensions = part.Extensions ?? new JsonExtensions(WireProtocol.OpenAIResponses);
            extensions.Add("item.role", "\"assistant\""); // the boundary marker: a new message item starts here
            part.Extensions = ItemFields(item, "item.", extensions);
        }
    }

    /// <summary>Every field of a message item but role and content, as raw extensions (always a bag: the origin mark).</summary>
    private static JsonExtensions ItemFields(JsonElement item, string? prefix, JsonExtensions? into = null)
    {
        var extensions = into ?? new JsonExtensions(WireProtocol.OpenAIResponses);
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("role" or "content"))
            {
                extensions.Add(prefix + property.Name, property.Value.GetRawText());
            }
        }
        return extensions;
    }

    private static ToolCallPart ReadCall(JsonElement item, string path, string type)
    {
        bool custom = type == "custom_tool_call";
        string payload = custom ? "input" : "arguments";
        var call = new ToolCallPart(RequiredString(item, "call_id", path), RequiredString(item, "name", path), RequiredString(item, payload, path))
        {
            Kind = custom ? ToolKind.Custom : ToolKind.Function,
            ItemId = OptionalString(item, "id", path),
        };
        JsonExtensions? extensions = null;
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("type" or "call_id" or "name" or "id") && property.Name != payload)
            {
                Keep(ref extensions, property.Name, property.Value);
            }
        }
        call.Extensions = extensions;
        return call;
    }

    public static void ReadReasoning(JsonElement item, string path, List<ContentPart> parts)
    {
        string? id = OptionalString(item, "id", path);
        var first = new ReasoningPart { ItemId = id };
        JsonExtensions? extensions = null;
        var summaries = new List<string>();
        foreach (var property in item.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type" or "id":
                    break;
                case "encrypted_content" when value.ValueKind == JsonValueKind.String:
                    first.RedactedData = value.GetString();
                    break;
                case "summary" when IsSummaryList(value):
                    foreach (var entry in value.EnumerateArray())
                    {
                        summaries.Add(entry.GetProperty("text").GetString()!);
                    }
                    break;
                default:
                    Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        // Always a bag of this protocol: it tells other protocols' writers this opaque data is a Responses blob.
        first.Extensions = extensions ?? new JsonExtensions(WireProtocol.OpenAIResponses);
        first.Text = summaries.Count > 0 ? summaries[0] : null;
        parts.Add(first);
        for (int i = 1; i < summaries.Count; i++)
        {
            parts.Add(new ReasoningPart { ItemId = id, Text = summaries[i], Extensions = new JsonExtensions(WireProtocol.OpenAIResponses) });
        }
    }

    /// <summary>A summary of exactly {type:summary_text, text} entries; anything else is kept raw.</summary>
    private static bool IsSummaryList(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var entry in value.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || TryString(entry, "type") != "summary_text" || TryString(entry, "text") is null
                || entry.EnumerateObject().Count() != 2)
            {
                return false;
            }
        }
        return true;
    }

    private static ChatMessage ReadOutput(JsonElement item, string path)
    {
        var result = new ToolResultPart(RequiredString(item, "call_id", path));
        var output = Required(item, "output", path);
        ResponsesPartReader.ReadContent(result.Content, output, Join(path, "output"), assistant: false, out bool isString);
        result.ContentIsString = isString;
        var message = new ChatMessage(ChatRole.Tool) { Extensions = new JsonExtensions(WireProtocol.OpenAIResponses) };
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("call_id" or "output"))
            {
                message.Extensions.Add(property.Name, property.Value.GetRawText());
            }
        }
        message.Parts.Add(result);
        return message;
    }

    /// <summary>Hosted-tool calls (web_search_call, mcp_call…) join the assistant turn; other items stand alone.</summary>
    private void ReadOther(JsonElement item, string type)
    {
        var part = new RawPart(WireProtocol.OpenAIResponses, RawItemPrefix + type, item.GetRawText());
        if (singleTurn || type.EndsWith("_call", StringComparison.Ordinal))
        {
            Turn().Parts.Add(part);
            return;
        }
        // A user turn rather than a tool turn: other protocols' writers expect a tool turn to hold a tool result.
        var message = new ChatMessage(ChatRole.User);
        message.Parts.Add(part);
        Close(message);
    }
}
