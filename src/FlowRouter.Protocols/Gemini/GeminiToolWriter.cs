using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes "tools" and "toolConfig". Gemini's own tools go back in the entries they came in; tools from another
/// protocol become one functionDeclarations entry, their schema sent as <see cref="GeminiRequestWriterOptions.SchemaMode"/>
/// says (parametersJsonSchema as given, or sanitised OpenAPI parameters, left out when it has no properties).
/// Another protocol's hosted tools (OpenAI web_search, Anthropic server tools) and OpenAI custom tools have no Gemini
/// equivalent and are left out. ToolChoice: Auto → AUTO, None → NONE, Required → ANY, Tool → ANY with
/// allowedFunctionNames [name]; no toolConfig is written for another protocol's request that declares no functions.
/// </summary>
internal static class GeminiToolWriter
{
    /// <summary>Writes the tools; true when at least one function declaration was written.</summary>
    public static bool WriteTools(JsonFieldWriter writer, ChatRequest request, GeminiWriteContext context)
    {
        var tools = request.Tools.FindAll(t => t.Kind == ToolKind.Function || (t.Kind == ToolKind.Hosted && t.RawDefinitionJson is not null && GeminiJson.IsGemini(t.Extensions)));
        if (tools.Count == 0)
        {
            return false;
        }
        writer.StartArray("tools");
        int start = 0;
        while (start < tools.Count)
        {
            string? group = GeminiJson.Get(tools[start].Extensions, GeminiWire.ToolGroupMarker);
            int end = start + 1;
            while (end < tools.Count && GeminiJson.Get(tools[end].Extensions, GeminiWire.ToolGroupMarker) == group)
            {
                end++;
            }
            WriteEntry(writer, tools.GetRange(start, end - start), context);
            start = end;
        }
        writer.EndArray();
        return tools.Exists(t => t.Kind == ToolKind.Function);
    }

    private static void WriteEntry(JsonFieldWriter writer, List<ToolDefinition> tools, GeminiWriteContext context)
    {
        writer.StartObject();
        var functions = tools.FindAll(t => t.Kind == ToolKind.Function);
        if (functions.Count > 0)
        {
            writer.StartArray(context.Names.Spell("functionDeclarations"));
            functions.ForEach(f => WriteDeclaration(writer, f, context));
            writer.EndArray();
        }
        foreach (var hosted in tools.Where(t => t.Kind == ToolKind.Hosted))
        {
            using var document = JsonDocument.Parse(hosted.RawDefinitionJson!);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                writer.Raw(property.Name, property.Value.GetRawText());
            }
        }
        writer.EndObject();
    }

    private static void WriteDeclaration(JsonFieldWriter writer, ToolDefinition tool, GeminiWriteContext context)
    {
        var names = context.Names;
        bool gemini = GeminiJson.IsGemini(tool.Extensions);
        writer.StartObject();
        writer.String("name", tool.Name);
        if (tool.Description is not null)
        {
            writer.String("description", tool.Description);
        }
        if (tool.ParametersJson is { } schema && !GeminiJson.Has(tool.Extensions, "parameters"))
        {
            if (gemini || context.Options.SchemaMode == GeminiSchemaMode.JsonSchema)
            {
                writer.Raw(names.Spell("parametersJsonSchema"), schema);
            }
            else if (GeminiSchema.ToOpenApi(schema) is { } openApi && !GeminiSchema.IsEmptyObject(openApi))
            {
                writer.Raw("parameters", openApi);
            }
        }
        GeminiJson.WriteLevel(writer, tool.Extensions);
        writer.EndObject();
    }

    public static void WriteToolConfig(JsonFieldWriter writer, ChatRequest request, GeminiWriteContext context, bool wroteFunctions)
    {
        var choice = request.ToolChoice;
        bool kept = GeminiJson.HasUnder(request.Extensions, "toolConfig.");
        if ((choice is null && !kept) || (!context.SameProtocol && !wroteFunctions))
        {
            return;
        }
        var names = context.Names;
        writer.StartObject(names.Spell("toolConfig"));
        const string Prefix = "toolConfig.functionCallingConfig.";
        if (choice is not null || GeminiJson.HasUnder(request.Extensions, Prefix))
        {
            writer.StartObject(names.Spell("functionCallingConfig"));
            if (choice is not null && !GeminiJson.Has(request.Extensions, Prefix + "mode"))
            {
                writer.String("mode", choice.Mode switch
                {
                    ToolChoiceMode.None => "NONE",
                    ToolChoiceMode.Required or ToolChoiceMode.Tool => "ANY",
                    _ => "AUTO",
                });
            }
            if (choice is { Mode: ToolChoiceMode.Tool, ToolName: { } only })
            {
                writer.StartArray(names.Spell("allowedFunctionNames"));
                writer.Json.WriteStringValue(only);
                writer.EndArray();
            }
            GeminiJson.WriteLevel(writer, request.Extensions, Prefix);
            writer.EndObject();
        }
        GeminiJson.WriteLevel(writer, request.Extensions, "toolConfig.");
        writer.EndObject();
    }
}
