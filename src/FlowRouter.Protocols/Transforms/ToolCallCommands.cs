using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// The shell command behind each tool call in a request's history, keyed by the call's id, so the token saver can
/// tell what produced a tool output (a bare path list from <c>find</c> is not one from <c>grep -l</c>). A shell tool
/// names it in its arguments: <c>command</c> or <c>cmd</c>, a string or an argv array (<c>["bash", "-lc", "…"]</c>
/// gives the script). Calls without one are simply absent.
/// </summary>
internal static class ToolCallCommands
{
    /// <summary>Call id → command for OpenAI chat: assistant messages' tool_calls[].function.arguments (a JSON string).</summary>
    public static Dictionary<string, string> OpenAIChat(JsonObject document)
    {
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in Objects(document["messages"]))
        {
            foreach (var call in Objects(message["tool_calls"]))
            {
                Add(commands, RequestDocument.Text(call["id"]), FromArguments(RequestDocument.Text((call["function"] as JsonObject)?["arguments"])));
            }
        }
        return commands;
    }

    /// <summary>Call id → command for Anthropic: tool_use blocks' input object.</summary>
    public static Dictionary<string, string> Anthropic(JsonObject document)
    {
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in Objects(document["messages"]))
        {
            foreach (var block in Objects(message["content"]))
            {
                if (RequestDocument.Text(block["type"]) == "tool_use")
                {
                    Add(commands, RequestDocument.Text(block["id"]), FromObject(block["input"]));
                }
            }
        }
        return commands;
    }

    /// <summary>Call id → command for Responses: function_call arguments (a JSON string) and local_shell_call actions.</summary>
    public static Dictionary<string, string> Responses(JsonObject document)
    {
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Objects(document["input"]))
        {
            string? command = RequestDocument.Text(item["type"]) switch
            {
                "function_call" => FromArguments(RequestDocument.Text(item["arguments"])),
                "local_shell_call" => FromObject(item["action"]),
                _ => null,
            };
            Add(commands, RequestDocument.Text(item["call_id"]), command);
        }
        return commands;
    }

    /// <summary>
    /// Command of each Gemini functionCall, keyed by its id when it has one and by its name otherwise (a later call
    /// of the same name replaces an earlier one, as the response that follows it answers the later call).
    /// </summary>
    public static Dictionary<string, string> Gemini(JsonObject document)
    {
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var content in Objects(document["contents"]))
        {
            foreach (var part in Objects(content["parts"]))
            {
                if (part["functionCall"] is JsonObject call)
                {
                    string? key = RequestDocument.Text(call["id"]) ?? RequestDocument.Text(call["name"]);
                    if (key is not null && FromObject(call["args"]) is { } command)
                    {
                        commands[key] = command;
                    }
                }
            }
        }
        return commands;
    }

    private static void Add(Dictionary<string, string> commands, string? id, string? command)
    {
        if (id is not null && command is not null)
        {
            commands[id] = command;
        }
    }

    private static string? FromArguments(string? arguments)
    {
        if (string.IsNullOrEmpty(arguments) || !arguments.Contains("cmd", StringComparison.Ordinal) && !arguments.Contains("command", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return FromObject(JsonNode.Parse(arguments, documentOptions: RequestDocument.DocumentOptions));
        }
        catch (JsonException)
        {
            return null; // arguments the model garbled: no hint, the content decides alone
        }
    }

    private static string? FromObject(JsonNode? arguments)
    {
        if (arguments is not JsonObject args)
        {
            return null;
        }
        JsonNode? value = args["command"] ?? args["cmd"];
        if (RequestDocument.Text(value) is { } text)
        {
            return text;
        }
        if (value is not JsonArray argv || argv.Count == 0)
        {
            return null;
        }
        var words = new List<string>(argv.Count);
        foreach (var word in argv)
        {
            if (RequestDocument.Text(word) is not { } w)
            {
                return null;
            }
            words.Add(w);
        }
        // ["bash", "-lc", "script"]: the script is the command.
        if (words.Count >= 3 && words[^2] is "-c" or "-lc" or "-ic")
        {
            return words[^1];
        }
        return string.Join(' ', words);
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => RequestDocument.Objects(node);
}
