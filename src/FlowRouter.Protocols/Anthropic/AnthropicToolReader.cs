using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Reads "tools" and "tool_choice". A tool without a type (or type "custom") is a function with an input_schema; any
/// other type (web_search_20250305, bash_20250124, text_editor_…, code_execution_…) is a server/client tool Anthropic
/// defines itself, kept whole as <see cref="ToolKind.Hosted"/> with its raw definition, tagged Anthropic through an
/// extension holding its type so that only this protocol's writer replays it.
/// </summary>
internal static class AnthropicToolReader
{
    public static void ReadTools(JsonElement value, string path, List<ToolDefinition> tools)
    {
        AnthropicJsonRead.Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            tools.Add(ReadTool(item, AnthropicJsonRead.Index(path, index++)));
        }
    }

    private static ToolDefinition ReadTool(JsonElement element, string path)
    {
        AnthropicJsonRead.Object(element, path);
        string? type = AnthropicJsonRead.TryString(element, "type");
        if (type is not null && type != "custom")
        {
            var hosted = new ToolDefinition(AnthropicJsonRead.TryString(element, "name") ?? type)
            {
                Kind = ToolKind.Hosted,
                RawDefinitionJson = element.GetRawText(),
                Extensions = new JsonExtensions(WireProtocol.Anthropic),
            };
            hosted.Extensions.Add("type", element.GetProperty("type").GetRawText());
            return hosted;
        }
        var tool = new ToolDefinition(AnthropicJsonRead.RequiredString(element, "name", path));
        JsonExtensions? extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            if (!ReadToolProperty(tool, property.Name, property.Value))
            {
                AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        tool.Extensions = extensions;
        return tool;
    }

    private static bool ReadToolProperty(ToolDefinition tool, string name, JsonElement value)
    {
        switch (name)
        {
            case "name":
                return true;
            case "description" when value.ValueKind == JsonValueKind.String:
                tool.Description = value.GetString();
                return true;
            case "input_schema" when value.ValueKind == JsonValueKind.Object:
                tool.ParametersJson = value.GetRawText();
                return true;
            case "cache_control" when value.ValueKind == JsonValueKind.Object:
                tool.CacheControlJson = value.GetRawText();
                return true;
            case "strict" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                tool.Strict = value.ValueKind == JsonValueKind.True;
                return true;
            default:
                return false; // "type":"custom", input_examples, defer_loading… written back raw
        }
    }

    /// <summary>auto|any|tool|none with disable_parallel_tool_use; null (kept raw by the caller) for any other type.</summary>
    public static ToolChoice? ReadToolChoice(JsonElement value, string path, ref JsonExtensions? extensions)
    {
        AnthropicJsonRead.Object(value, path);
        string type = AnthropicJsonRead.RequiredString(value, "type", path);
        ToolChoiceMode? mode = type switch
        {
            "auto" => ToolChoiceMode.Auto,
            "any" => ToolChoiceMode.Required,
            "tool" => ToolChoiceMode.Tool,
            "none" => ToolChoiceMode.None,
            _ => null,
        };
        if (mode is null)
        {
            return null;
        }
        string? toolName = mode == ToolChoiceMode.Tool ? AnthropicJsonRead.RequiredString(value, "name", path) : null;
        bool? disableParallel = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == "disable_parallel_tool_use" && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                disableParallel = property.Value.ValueKind == JsonValueKind.True;
            }
            else if (property.Name is not ("type" or "name") || (property.Name == "name" && toolName is null))
            {
                AnthropicJsonRead.Keep(ref extensions, "tool_choice." + property.Name, property.Value);
            }
        }
        return new ToolChoice(mode.Value, toolName) { DisableParallel = disableParallel };
    }
}
