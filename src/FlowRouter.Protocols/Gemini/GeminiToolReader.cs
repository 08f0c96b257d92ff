using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Reads "tools" and "toolConfig". Each functionDeclarations entry becomes a function <see cref="ToolDefinition"/>:
/// parametersJsonSchema (full JSON Schema) is its ParametersJson as given; the older OpenAPI-style "parameters" is
/// converted to JSON Schema for other protocols (<see cref="GeminiSchema.FromOpenApi"/>) and kept raw for a
/// same-protocol write. Every other key of a tools entry (googleSearch, codeExecution, urlContext, fileSearch…) is a
/// hosted tool kept raw. A marker remembers which entry each tool came from, so the entries come back as sent.
/// functionCallingConfig.mode: AUTO → Auto, NONE → None, ANY → Required, or Tool when allowedFunctionNames names
/// exactly one function; VALIDATED and unknown modes read as Auto with the raw mode kept for a Gemini write.
/// </summary>
internal static class GeminiToolReader
{
    public static void ReadTools(List<ToolDefinition> tools, JsonElement value, string path, GeminiNames names)
    {
        GeminiJson.Array(value, path);
        int group = 0;
        foreach (var entry in value.EnumerateArray())
        {
            string at = GeminiJson.Index(path, group);
            GeminiJson.Object(entry, at);
            foreach (var property in entry.EnumerateObject())
            {
                if (names.Canon(property.Name) == "functionDeclarations")
                {
                    ReadDeclarations(tools, property.Value, GeminiJson.Join(at, property.Name), group, names);
                }
                else
                {
                    var hosted = new ToolDefinition(property.Name)
                    {
                        Kind = ToolKind.Hosted,
                        RawDefinitionJson = "{" + JsonEncodedName(property.Name) + ":" + property.Value.GetRawText() + "}",
                    };
                    hosted.Extensions = GroupMarker(group);
                    tools.Add(hosted);
                }
            }
            group++;
        }
    }

    private static string JsonEncodedName(string name) => JsonSerializerString(name);

    private static string JsonSerializerString(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GeminiJson.Writer))
        {
            writer.WriteStringValue(value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonExtensions GroupMarker(int group)
    {
        var extensions = new JsonExtensions(WireProtocol.Gemini);
        extensions.Add(GeminiWire.ToolGroupMarker, group.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return extensions;
    }

    private static void ReadDeclarations(List<ToolDefinition> tools, JsonElement value, string path, int group, GeminiNames names)
    {
        GeminiJson.Array(value, path);
        int index = 0;
        foreach (var declaration in value.EnumerateArray())
        {
            tools.Add(ReadDeclaration(declaration, GeminiJson.Index(path, index++), group, names));
        }
    }

    private static ToolDefinition ReadDeclaration(JsonElement declaration, string path, int group, GeminiNames names)
    {
        GeminiJson.Object(declaration, path);
        var tool = new ToolDefinition("");
        var extensions = GroupMarker(group);
        bool hasName = false;
        foreach (var property in declaration.EnumerateObject())
        {
            string at = GeminiJson.Join(path, property.Name);
            switch (names.Canon(property.Name))
            {
                case "name":
                    hasName = true;
                    tool.Name = GeminiJson.String(property.Value, at);
                    break;
                case "description":
                    tool.Description = GeminiJson.String(property.Value, at);
                    break;
                case "parametersJsonSchema" when property.Value.ValueKind != JsonValueKind.Null:
                    tool.ParametersJson = property.Value.GetRawText();
                    break;
                case "parameters" when property.Value.ValueKind != JsonValueKind.Null:
                    tool.ParametersJson = GeminiSchema.FromOpenApi(GeminiJson.Object(property.Value, at));
                    extensions.Add(property.Name, property.Value.GetRawText()); // written back as sent
                    break;
                default:
                    extensions.Add(property.Name, property.Value.GetRawText()); // response, behavior…
                    break;
            }
        }
        if (!hasName)
        {
            throw new GeminiFormatException(GeminiJson.Join(path, "name"), "required property is missing");
        }
        tool.Extensions = extensions;
        return tool;
    }

    public static ToolChoice? ReadToolConfig(JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        ToolChoice? choice = null;
        bool any = false;
        foreach (var property in value.EnumerateObject())
        {
            any = true;
            if (names.Canon(property.Name) == "functionCallingConfig" && property.Value.ValueKind == JsonValueKind.Object)
            {
                choice = ReadFunctionCallingConfig(property.Value, GeminiJson.Join(path, property.Name), names, ref extensions);
            }
            else
            {
                GeminiJson.Keep(ref extensions, "toolConfig." + property.Name, property.Value); // retrievalConfig…
            }
        }
        if (!any)
        {
            GeminiJson.Keep(ref extensions, "toolConfig", value);
        }
        return choice;
    }

    private static ToolChoice? ReadFunctionCallingConfig(JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        const string prefix = "toolConfig.functionCallingConfig.";
        string? mode = null;
        List<string>? allowed = null;
        JsonElement allowedRaw = default;
        string allowedName = "allowedFunctionNames";
        foreach (var property in value.EnumerateObject())
        {
            string at = GeminiJson.Join(path, property.Name);
            switch (names.Canon(property.Name))
            {
                case "mode":
                    mode = GeminiJson.String(property.Value, at);
                    break;
                case "allowedFunctionNames":
                    allowedName = property.Name;
                    allowedRaw = property.Value;
                    allowed = GeminiJson.Array(property.Value, at).EnumerateArray().Select((n, i) => GeminiJson.String(n, GeminiJson.Index(at, i))).ToList();
                    break;
                default:
                    GeminiJson.Keep(ref extensions, prefix + property.Name, property.Value);
                    break;
            }
        }
        ToolChoice? choice = mode switch
        {
            "AUTO" => ToolChoice.Auto,
            "NONE" => ToolChoice.None,
            "ANY" when allowed is [string only] => new ToolChoice(ToolChoiceMode.Tool, only),
            "ANY" => ToolChoice.Required,
            null => null,
            _ => ToolChoice.Auto,
        };
        if (mode is not null && mode is not ("AUTO" or "NONE" or "ANY"))
        {
            GeminiJson.KeepRaw(ref extensions, prefix + "mode", "\"" + JsonEncodedText.Encode(mode).ToString() + "\"");
        }
        if (allowed is not null && choice?.Mode != ToolChoiceMode.Tool)
        {
            GeminiJson.Keep(ref extensions, prefix + allowedName, allowedRaw);
        }
        if (mode is null && allowed is null && !value.EnumerateObject().Any())
        {
            GeminiJson.Keep(ref extensions, "toolConfig.functionCallingConfig", value);
        }
        return choice;
    }
}
