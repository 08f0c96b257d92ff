using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Reads an assistant's tool_calls entries and its legacy function_call. Arguments stay the raw string the model
/// wrote. Unknown fields of a call go to the part's extensions; those inside its "function"/"custom" object get a
/// "function."/"custom." prefix so the writer puts them back inside.
/// </summary>
internal static class OpenAIChatToolCallReader
{
    public static void ReadToolCalls(JsonElement value, string path, List<ContentPart> output)
    {
        JsonRead.Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            output.Add(ReadToolCall(item, JsonRead.Index(path, index++)));
        }
    }

    private static ToolCallPart ReadToolCall(JsonElement element, string path)
    {
        JsonRead.Object(element, path);
        string id = JsonRead.String(JsonRead.Required(element, "id", path), JsonRead.Join(path, "id"));
        string type = element.TryGetProperty("type", out var typeValue) ? JsonRead.String(typeValue, JsonRead.Join(path, "type")) : "function";
        bool custom = type == "custom";
        if (!custom && type != "function")
        {
            throw new OpenAIChatFormatException(JsonRead.Join(path, "type"), $"unsupported tool call type '{type}'");
        }
        string innerPath = JsonRead.Join(path, type);
        var inner = JsonRead.Object(JsonRead.Required(element, type, path), innerPath);
        string payloadName = custom ? "input" : "arguments";
        string name = JsonRead.String(JsonRead.Required(inner, "name", innerPath), JsonRead.Join(innerPath, "name"));
        string payload = JsonRead.String(JsonRead.Required(inner, payloadName, innerPath), JsonRead.Join(innerPath, payloadName));
        var part = new ToolCallPart(id, name, payload) { Kind = custom ? ToolKind.Custom : ToolKind.Function };
        JsonExtensions? extensions = null;
        KeepRest(element, ref extensions, "", "id", "type", type);
        KeepRest(inner, ref extensions, type + ".", "name", payloadName);
        part.Extensions = extensions;
        return part;
    }

    public static ToolCallPart ReadFunctionCall(JsonElement value, string path)
    {
        JsonRead.Object(value, path);
        string name = JsonRead.String(JsonRead.Required(value, "name", path), JsonRead.Join(path, "name"));
        string arguments = JsonRead.String(JsonRead.Required(value, "arguments", path), JsonRead.Join(path, "arguments"));
        var part = new ToolCallPart("", name, arguments) { LegacyFunctionCall = true };
        JsonExtensions? extensions = null;
        KeepRest(value, ref extensions, "", "name", "arguments");
        part.Extensions = extensions;
        return part;
    }

    private static void KeepRest(JsonElement element, ref JsonExtensions? extensions, string prefix, params ReadOnlySpan<string> known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                JsonRead.Keep(ref extensions, prefix + property.Name, property.Value);
            }
        }
    }
}
