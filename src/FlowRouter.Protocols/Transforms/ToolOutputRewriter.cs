using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowRouter.Protocols.Transforms;

/// <summary>The wire formats whose requests carry tool output, each in its own place.</summary>
public enum ToolOutputFormat
{
    /// <summary>messages[] with role "tool": content, a string or text parts.</summary>
    OpenAIChat,

    /// <summary>messages[].content[] blocks of type "tool_result": content, a string or text blocks.</summary>
    Anthropic,

    /// <summary>input[] items of type "function_call_output" / "custom_tool_call_output": output, a string or input_text parts.</summary>
    Responses,

    /// <summary>contents[].parts[].functionResponse.response: every string inside that object.</summary>
    Gemini,
}

/// <summary>
/// Rewrites the tool output inside a request body, and nothing else: never user or assistant text, never a system
/// prompt. Each text goes through the given function (null: keep it). Only when some text changed is a new body
/// written; otherwise the caller keeps the client's bytes exactly. The rewrite is deterministic (the same body and
/// function give the same bytes), so provider prompt caches keep matching across turns.
/// </summary>
public static class ToolOutputRewriter
{
    /// <summary>The new body (null when nothing changed) and how many texts were rewritten.</summary>
    public readonly record struct Result(byte[]? Body, int Rewritten);

    /// <summary>A cheap look for the marker every format's tool output carries; false means there is surely none.</summary>
    public static bool MayContain(ReadOnlySpan<byte> body, ToolOutputFormat format) => format switch
    {
        ToolOutputFormat.OpenAIChat => body.IndexOf("\"tool\""u8) >= 0,
        ToolOutputFormat.Anthropic => body.IndexOf("\"tool_result\""u8) >= 0,
        ToolOutputFormat.Responses => body.IndexOf("_call_output\""u8) >= 0,
        ToolOutputFormat.Gemini => body.IndexOf("\"functionResponse\""u8) >= 0,
        _ => false,
    };

    public static Result Rewrite(ReadOnlySpan<byte> body, ToolOutputFormat format, Func<string, string?> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        return Rewrite(body, format, (text, _) => rewrite(text));
    }

    /// <summary>
    /// As <see cref="Rewrite(ReadOnlySpan{byte}, ToolOutputFormat, Func{string, string?})"/>, with the shell command of
    /// the tool call each output answers (null when the call carries none) passed along with its text.
    /// </summary>
    public static Result Rewrite(ReadOnlySpan<byte> body, ToolOutputFormat format, Func<string, string?, string?> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        if (!MayContain(body, format))
        {
            return default;
        }
        if (RequestDocument.Parse(body) is not { } document)
        {
            return default; // not ours to judge: the protocol's parser answers it with its own error
        }
        int rewritten = format switch
        {
            ToolOutputFormat.OpenAIChat => OpenAIChat(document, rewrite),
            ToolOutputFormat.Anthropic => Anthropic(document, rewrite),
            ToolOutputFormat.Responses => Responses(document, rewrite),
            ToolOutputFormat.Gemini => Gemini(document, rewrite),
            _ => 0,
        };
        if (rewritten == 0)
        {
            return default;
        }
        return new Result(RequestDocument.Serialize(document, body.Length), rewritten);
    }

    private static int OpenAIChat(JsonObject document, Func<string, string?, string?> rewrite)
    {
        int count = 0;
        var commands = ToolCallCommands.OpenAIChat(document);
        foreach (var message in Objects(document["messages"]))
        {
            if (Text(message["role"]) == "tool")
            {
                count += TextOrParts(message, "content", "text", WithCommand(rewrite, commands, Text(message["tool_call_id"])));
            }
        }
        return count;
    }

    private static int Anthropic(JsonObject document, Func<string, string?, string?> rewrite)
    {
        int count = 0;
        var commands = ToolCallCommands.Anthropic(document);
        foreach (var message in Objects(document["messages"]))
        {
            foreach (var block in Objects(message["content"]))
            {
                if (Text(block["type"]) == "tool_result")
                {
                    count += TextOrParts(block, "content", "text", WithCommand(rewrite, commands, Text(block["tool_use_id"])));
                }
            }
        }
        return count;
    }

    private static int Responses(JsonObject document, Func<string, string?, string?> rewrite)
    {
        int count = 0;
        var commands = ToolCallCommands.Responses(document);
        foreach (var item in Objects(document["input"]))
        {
            if (Text(item["type"]) is "function_call_output" or "custom_tool_call_output")
            {
                count += TextOrParts(item, "output", "input_text", WithCommand(rewrite, commands, Text(item["call_id"])));
            }
        }
        return count;
    }

    private static int Gemini(JsonObject document, Func<string, string?, string?> rewrite)
    {
        int count = 0;
        var commands = ToolCallCommands.Gemini(document);
        foreach (var content in Objects(document["contents"]))
        {
            foreach (var part in Objects(content["parts"]))
            {
                if (part["functionResponse"] is JsonObject call && call["response"] is JsonObject response)
                {
                    count += Strings(response, WithCommand(rewrite, commands, Text(call["id"]) ?? Text(call["name"])));
                }
            }
        }
        return count;
    }

    /// <summary>owner[field] as a string, or as an array of parts whose "type" is <paramref name="partType"/> and whose "text" is rewritten.</summary>
    private static int TextOrParts(JsonObject owner, string field, string partType, Func<string, string?> rewrite)
    {
        var value = owner[field];
        if (Text(value) is { } text)
        {
            return Replace(owner, field, text, rewrite);
        }
        int count = 0;
        foreach (var part in Objects(value))
        {
            if (Text(part["type"]) == partType && Text(part["text"]) is { } partText)
            {
                count += Replace(part, "text", partText, rewrite);
            }
        }
        return count;
    }

    /// <summary>Every string anywhere inside <paramref name="node"/> (a Gemini function response is free-form JSON).</summary>
    private static int Strings(JsonObject node, Func<string, string?> rewrite)
    {
        int count = 0;
        foreach (string name in node.Select(p => p.Key).ToArray())
        {
            count += node[name] switch
            {
                JsonObject inner => Strings(inner, rewrite),
                JsonArray array => Strings(array, rewrite),
                JsonValue value when value.GetValueKind() == JsonValueKind.String => Replace(node, name, value.GetValue<string>(), rewrite),
                _ => 0,
            };
        }
        return count;
    }

    private static int Strings(JsonArray array, Func<string, string?> rewrite)
    {
        int count = 0;
        for (int i = 0; i < array.Count; i++)
        {
            switch (array[i])
            {
                case JsonObject inner:
                    count += Strings(inner, rewrite);
                    break;
                case JsonArray nested:
                    count += Strings(nested, rewrite);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    string text = value.GetValue<string>();
                    if (rewrite(text) is { } replaced && replaced != text)
                    {
                        array[i] = JsonValue.Create(replaced);
                        count++;
                    }
                    break;
            }
        }
        return count;
    }

    private static int Replace(JsonObject owner, string field, string text, Func<string, string?> rewrite)
    {
        if (rewrite(text) is not { } replaced || replaced == text)
        {
            return 0;
        }
        owner[field] = JsonValue.Create(replaced);
        return 1;
    }

    /// <summary>The rewrite of one tool output, told the command of the call it answers.</summary>
    private static Func<string, string?> WithCommand(Func<string, string?, string?> rewrite, Dictionary<string, string> commands, string? callId)
    {
        string? command = callId is not null && commands.TryGetValue(callId, out var c) ? c : null;
        return text => rewrite(text, command);
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => RequestDocument.Objects(node);

    private static string? Text(JsonNode? node) => RequestDocument.Text(node);
}
