using System.Text.Json;
using FlowRouter.Core.Canonical;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Reads tools and tool_choice. Responses declares a function flat ({type, name, description, parameters, strict}),
/// unlike Chat's nested "function" object. Custom tools ({type:custom, name, description, format}) and hosted tools
/// (web_search, file_search, code_interpreter, mcp…) keep their whole definition raw; every definition read here
/// carries an extension bag of this protocol (the origin mark the writer checks before writing a raw definition back).
/// </summary>
internal static class ResponsesToolReader
{
    public static void ReadTools(JsonElement value, string path, List<ToolDefinition> output)
    {
        Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            output.Add(ReadTool(item, Index(path, index++)));
        }
    }

    private static ToolDefinition ReadTool(JsonElement element, string path)
    {
        Object(element, path);
        string type = RequiredString(element, "type", path);
        if (type == "function")
        {
            return ReadFunction(element, path);
        }
        bool custom = type == "custom";
        return new ToolDefinition(custom ? RequiredString(element, "name", path) : type)
        {
            Kind = custom ? ToolKind.Custom : ToolKind.Hosted,
            Description = custom ? OptionalString(element, "description", path) : null,
            RawDefinitionJson = element.GetRawText(),
            Extensions = new JsonExtensions(WireProtocol.OpenAIResponses),
        };
    }

    private static ToolDefinition ReadFunction(JsonElement element, string path)
    {
        var tool = new ToolDefinition(RequiredString(element, "name", path));
        var extensions = new JsonExtensions(WireProtocol.OpenAIResponses);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type" or "name":
                    break;
                case "description" when value.ValueKind == JsonValueKind.String:
                    tool.Description = value.GetString();
                    break;
                case "parameters" when value.ValueKind == JsonValueKind.Object:
                    tool.ParametersJson = value.GetRawText();
                    break;
                case "strict" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    tool.Strict = value.GetBoolean();
                    break;
                default:
                    extensions.Add(property.Name, value.GetRawText());
                    break;
            }
        }
        tool.Extensions = extensions;
        return tool;
    }

    /// <summary>auto|none|required, or {type:function|custom, name}; null for other shapes (allowed_tools, hosted), kept raw.</summary>
    public static ToolChoice? ReadToolChoice(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => ToolChoice.None,
                "required" => ToolChoice.Required,
                _ => null,
            };
        }
        Object(value, path);
        return TryString(value, "type") is "function" or "custom" && TryString(value, "name") is { } name && value.EnumerateObject().Count() == 2
            ? new ToolChoice(ToolChoiceMode.Tool, name)
            : null;
    }
}
