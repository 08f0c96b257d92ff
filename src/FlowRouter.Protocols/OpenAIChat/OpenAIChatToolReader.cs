using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Reads tool declarations (tools, legacy functions) and the choice among them (tool_choice, legacy function_call).
/// Function-object fields without a slot go to the definition's extensions; custom and unknown tool types keep the
/// whole declaration raw so a same-protocol write is exact.
/// </summary>
internal static class OpenAIChatToolReader
{
    public static void ReadTools(JsonElement value, string path, List<ToolDefinition> output)
    {
        JsonRead.Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            output.Add(ReadTool(item, JsonRead.Index(path, index++)));
        }
    }

    private static ToolDefinition ReadTool(JsonElement element, string path)
    {
        JsonRead.Object(element, path);
        string type = JsonRead.String(JsonRead.Required(element, "type", path), JsonRead.Join(path, "type"));
        if (type == "function")
        {
            string innerPath = JsonRead.Join(path, "function");
            var tool = ReadFunction(JsonRead.Required(element, "function", path), innerPath);
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is not ("type" or "function"))
                {
                    JsonExtensions? extensions = tool.Extensions;
                    JsonRead.Keep(ref extensions, "tool." + property.Name, property.Value);
                    tool.Extensions = extensions;
                }
            }
            return tool;
        }
        var inner = element.TryGetProperty(type, out var innerValue) && innerValue.ValueKind == JsonValueKind.Object ? innerValue : default;
        bool custom = type == "custom" && inner.ValueKind == JsonValueKind.Object;
        string name = custom ? JsonRead.String(JsonRead.Required(inner, "name", JsonRead.Join(path, type)), JsonRead.Join(path, "custom.name")) : type;
        return new ToolDefinition(name)
        {
            Kind = custom ? ToolKind.Custom : ToolKind.Hosted,
            Description = custom ? JsonRead.OptionalString(inner, "description", JsonRead.Join(path, type)) : null,
            RawDefinitionJson = element.GetRawText(),
        };
    }

    /// <summary>A "function" object of a tool, or one entry of the legacy "functions" list (same shape).</summary>
    public static ToolDefinition ReadFunction(JsonElement element, string path)
    {
        JsonRead.Object(element, path);
        var tool = new ToolDefinition(JsonRead.String(JsonRead.Required(element, "name", path), JsonRead.Join(path, "name")));
        JsonExtensions? extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            string propertyPath = JsonRead.Join(path, property.Name);
            switch (property.Name)
            {
                case "name":
                    break;
                case "description" when value.ValueKind == JsonValueKind.String:
                    tool.Description = value.GetString();
                    break;
                case "parameters" when value.ValueKind == JsonValueKind.Object:
                    tool.ParametersJson = value.GetRawText();
                    break;
                case "strict" when value.ValueKind != JsonValueKind.Null:
                    tool.Strict = JsonRead.Bool(value, propertyPath);
                    break;
                default:
                    JsonRead.Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        tool.Extensions = extensions;
        return tool;
    }

    public static void ReadFunctions(JsonElement value, string path, List<ToolDefinition> output)
    {
        JsonRead.Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            output.Add(ReadFunction(item, JsonRead.Index(path, index++)));
        }
    }

    /// <summary>tool_choice: a mode word or one named tool; null for shapes with no canonical meaning (kept raw).</summary>
    public static ToolChoice? ReadToolChoice(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Mode(value.GetString()!);
        }
        JsonRead.Object(value, path);
        string? type = JsonRead.OptionalString(value, "type", path);
        if (type is "function" or "custom" && value.TryGetProperty(type, out var inner) && inner.ValueKind == JsonValueKind.Object
            && inner.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && CountProperties(value) == 2 && CountProperties(inner) == 1)
        {
            return new ToolChoice(ToolChoiceMode.Tool, name.GetString());
        }
        return null;
    }

    /// <summary>Legacy function_call: "none", "auto", or {"name": …}.</summary>
    public static ToolChoice? ReadFunctionChoice(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Mode(value.GetString()!);
        }
        JsonRead.Object(value, path);
        return value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && CountProperties(value) == 1
            ? new ToolChoice(ToolChoiceMode.Tool, name.GetString())
            : null;
    }

    private static ToolChoice? Mode(string word) => word switch
    {
        "auto" => ToolChoice.Auto,
        "none" => ToolChoice.None,
        "required" => ToolChoice.Required,
        _ => null,
    };

    private static int CountProperties(JsonElement element)
    {
        int count = 0;
        foreach (var _ in element.EnumerateObject())
        {
            count++;
        }
        return count;
    }
}
