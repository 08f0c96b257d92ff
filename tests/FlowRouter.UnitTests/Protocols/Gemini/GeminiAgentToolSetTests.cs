using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Gemini;

/// <summary>
/// Large, realistic agent tool sets (<see cref="AgentToolSets"/>) through <see cref="GeminiRequestWriter"/> in both
/// schema modes: JSON Schema mode sends every schema as given; OpenAPI mode sends only keywords Gemini's Schema object
/// has (every node walked), with the properties, required names and string enums of the source intact.
/// </summary>
public sealed class GeminiAgentToolSetTests
{
    /// <summary>The fields of Gemini's Schema object (ai.google.dev/api/caching#Schema).</summary>
    private static readonly HashSet<string> SchemaFields = new(StringComparer.Ordinal)
    {
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
        "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
        "default", "items", "minimum", "maximum",
    };

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT" };
    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal) { "enum", "date-time", "float", "double", "int32", "int64" };

    public static TheoryData<string> Sets => new() { "claude-code", "openai-style" };

    [Theory]
    [MemberData(nameof(Sets))]
    public void JsonSchemaMode_EverySchemaSentAsGiven(string set)
    {
        var (request, sources, _) = Read(set);

        using var written = JsonDocument.Parse(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { SchemaMode = GeminiSchemaMode.JsonSchema }));

        var declarations = Declarations(written.RootElement);
        Assert.Equal(sources.Keys, declarations.Select(d => d.GetProperty("name").GetString()!));
        foreach (var declaration in declarations)
        {
            Assert.False(declaration.TryGetProperty("parameters", out _));
            JsonAssert.Equal(sources[declaration.GetProperty("name").GetString()!].ToJsonString(), declaration.GetProperty("parametersJsonSchema").GetRawText());
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void OpenApiMode_OnlyGeminiSchemaKeywords_PropertiesRequiredAndEnumsSurvive(string set)
    {
        var (request, sources, descriptions) = Read(set);

        byte[] body = GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { SchemaMode = GeminiSchemaMode.OpenApi });

        using var written = JsonDocument.Parse(body);
        GeminiRequestAssert.Valid(written.RootElement);
        var declarations = Declarations(written.RootElement);
        Assert.Equal(sources.Keys, declarations.Select(d => d.GetProperty("name").GetString()!));
        int nodes = 0;
        foreach (var declaration in declarations)
        {
            string name = declaration.GetProperty("name").GetString()!;
            Assert.False(declaration.TryGetProperty("parametersJsonSchema", out _), name);
            Assert.Equal(descriptions[name], declaration.GetProperty("description").GetString());
            using var source = JsonDocument.Parse(sources[name].ToJsonString());
            if (!declaration.TryGetProperty("parameters", out var parameters))
            {
                // Left out only when there is nothing to say: an object without properties.
                Assert.False(source.RootElement.TryGetProperty("properties", out var none) && none.EnumerateObject().Any(), name);
                continue;
            }
            nodes += WalkGeminiSchema(parameters, name);
            Assert.Equal("OBJECT", parameters.GetProperty("type").GetString());
            AssertSurvives(source.RootElement, parameters, Definitions(source.RootElement), name, refs: []);
        }
        Assert.True(nodes > sources.Count * 3, $"only {nodes} schema nodes walked");
        // What the client's schemas say that Gemini's Schema cannot is gone, everywhere.
        string text = Encoding.UTF8.GetString(body);
        foreach (string rejected in new[] { "$schema", "additionalProperties", "propertyNames", "$ref", "$defs", "definitions", "const", "oneOf", "allOf", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "\"format\":\"uri\"" })
        {
            Assert.DoesNotContain(rejected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OpenApiMode_ClaudeCodeSet_SpotChecks()
    {
        var (request, _, _) = Read("claude-code");

        using var written = JsonDocument.Parse(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { SchemaMode = GeminiSchemaMode.OpenApi }));

        var byName = Declarations(written.RootElement).ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("parameters"));
        JsonAssert.Equal(
            """{"type":"ARRAY","items":{"type":"OBJECT","properties":{"content":{"type":"STRING","minLength":1},"status":{"type":"STRING","enum":["pending","in_progress","completed"]},"activeForm":{"type":"STRING","minLength":1}},"required":["content","status","activeForm"]},"description":"The updated todo list"}""",
            byName["TodoWrite"].GetProperty("properties").GetProperty("todos").GetRawText());
        JsonAssert.Equal("""{"type":"STRING","description":"The URL to fetch content from"}""", byName["WebFetch"].GetProperty("properties").GetProperty("url").GetRawText());
        var issue = byName["mcp__github__create_issue"].GetProperty("properties");
        JsonAssert.Equal("""{"type":"ARRAY","nullable":true,"items":{"type":"STRING"},"default":null,"title":"Labels"}""", issue.GetProperty("labels").GetRawText());
        var query = byName["mcp__db__query"].GetProperty("properties");
        JsonAssert.Equal("""{"type":"INTEGER","default":100,"minimum":1,"maximum":1000,"title":"Limit"}""", query.GetProperty("limit").GetRawText());
        var order = query.GetProperty("order_by");
        Assert.True(order.GetProperty("nullable").GetBoolean());
        JsonAssert.Equal("""{"type":"STRING","enum":["asc","desc"]}""", order.GetProperty("properties").GetProperty("direction").GetRawText());
        var value = query.GetProperty("filters").GetProperty("items").GetProperty("properties").GetProperty("value");
        JsonAssert.Equal("""{"nullable":true,"anyOf":[{"type":"STRING"},{"type":"NUMBER"}],"title":"Value"}""", value.GetRawText());
    }

    // ---- reading the sets ----

    private static (ChatRequest Request, Dictionary<string, JsonNode> Schemas, Dictionary<string, string> Descriptions) Read(string set)
    {
        bool anthropic = set == "claude-code";
        var tools = JsonNode.Parse(anthropic ? AgentToolSets.ClaudeCode : AgentToolSets.OpenAIStyle)!.AsArray();
        var schemas = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var function = anthropic ? tool! : tool!["function"]!;
            string name = function["name"]!.GetValue<string>();
            schemas.Add(name, (function[anthropic ? "input_schema" : "parameters"] ?? new JsonObject()).DeepClone());
            descriptions.Add(name, function["description"]!.GetValue<string>());
        }
        var request = anthropic
            ? AnthropicRequestReader.Read(Encoding.UTF8.GetBytes($$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Fix the failing test."}],"tools":{{tools.ToJsonString()}}}"""))
            : OpenAIChatRequestReader.Read(Encoding.UTF8.GetBytes($$"""{"model":"gpt-5","messages":[{"role":"user","content":"Fix the failing test."}],"tools":{{tools.ToJsonString()}}}"""));
        return (request, schemas, descriptions);
    }

    private static List<JsonElement> Declarations(JsonElement root)
    {
        var tools = root.GetProperty("tools");
        Assert.Equal(1, tools.GetArrayLength());
        return tools[0].GetProperty("functionDeclarations").EnumerateArray().ToList();
    }

    private static Dictionary<string, JsonElement> Definitions(JsonElement root)
    {
        var definitions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (string key in new[] { "$defs", "definitions" })
        {
            if (root.TryGetProperty(key, out var defs))
            {
                foreach (var def in defs.EnumerateObject())
                {
                    definitions["#/" + key + "/" + def.Name] = def.Value;
                }
            }
        }
        return definitions;
    }

    // ---- the checks ----

    /// <summary>Every node of a Gemini Schema has only Schema fields, a known type and format, string enums on STRING
    /// nodes, and required names among its properties. Returns how many nodes were walked.</summary>
    private static int WalkGeminiSchema(JsonElement node, string path)
    {
        Assert.True(node.ValueKind == JsonValueKind.Object, $"{path}: a schema must be an object");
        int count = 1;
        foreach (var field in node.EnumerateObject())
        {
            Assert.True(SchemaFields.Contains(field.Name), $"{path}.{field.Name}: not a field of Gemini's Schema");
        }
        if (node.TryGetProperty("type", out var type))
        {
            Assert.True(Types.Contains(type.GetString()!), $"{path}.type: '{type}' is not a Gemini type");
        }
        if (node.TryGetProperty("format", out var format))
        {
            Assert.True(Formats.Contains(format.GetString()!), $"{path}.format: '{format}' is not a format Gemini knows");
        }
        if (node.TryGetProperty("enum", out var values))
        {
            Assert.Equal("STRING", node.TryGetProperty("type", out var t) ? t.GetString() : null);
            Assert.All(values.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
        }
        if (node.TryGetProperty("nullable", out var nullable))
        {
            Assert.Equal(JsonValueKind.True, nullable.ValueKind);
        }
        if (node.TryGetProperty("properties", out var properties))
        {
            Assert.Equal("OBJECT", node.GetProperty("type").GetString());
            foreach (var property in properties.EnumerateObject())
            {
                count += WalkGeminiSchema(property.Value, $"{path}.{property.Name}");
            }
        }
        if (node.TryGetProperty("required", out var required))
        {
            Assert.All(required.EnumerateArray(), r => Assert.True(properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(r.GetString()!, out _), $"{path}.required: '{r}' is not a property"));
        }
        if (node.TryGetProperty("items", out var items))
        {
            Assert.Equal("ARRAY", node.GetProperty("type").GetString());
            count += WalkGeminiSchema(items, path + "[]");
        }
        if (node.TryGetProperty("anyOf", out var anyOf))
        {
            Assert.True(anyOf.GetArrayLength() >= 2, $"{path}.anyOf: a single branch should have been merged");
            int i = 0;
            foreach (var branch in anyOf.EnumerateArray())
            {
                count += WalkGeminiSchema(branch, $"{path}.anyOf[{i++}]");
            }
        }
        return count;
    }

    /// <summary>
    /// Walks the JSON Schema source beside its conversion: $refs resolved, allOf parts merged, a null branch or type is
    /// nullable; the same property names, the required names (those that are properties), string enums and consts
    /// (as a one-value enum), descriptions and item schemas must be found in the conversion.
    /// </summary>
    private static void AssertSurvives(JsonElement source, JsonElement converted, Dictionary<string, JsonElement> definitions, string path, string[] refs)
    {
        if (source.TryGetProperty("$ref", out var reference))
        {
            string name = reference.GetString()!;
            if (!definitions.TryGetValue(name, out var target) || refs.Contains(name))
            {
                // A recursive $ref: the conversion stops at the cycle with {"type":"OBJECT"}.
                Assert.Equal("OBJECT", converted.GetProperty("type").GetString());
                return;
            }
            source = target;
            refs = [.. refs, name];
        }
        var branches = Branches(source).Where(b => !IsNullSchema(b)).ToList();
        bool nullable = Branches(source).Any(IsNullSchema)
            || (source.TryGetProperty("type", out var types) && types.ValueKind == JsonValueKind.Array && types.EnumerateArray().Any(t => t.GetString() == "null"));
        if (nullable)
        {
            Assert.True(converted.TryGetProperty("nullable", out var n) && n.GetBoolean(), $"{path}: nullable lost");
        }
        if (branches.Count == 1 && !source.TryGetProperty("properties", out _) && !source.TryGetProperty("type", out _))
        {
            AssertSurvives(branches[0], converted, definitions, path, refs);
            return;
        }
        if (branches.Count > 1)
        {
            var convertedBranches = converted.GetProperty("anyOf").EnumerateArray().ToList();
            Assert.Equal(branches.Count, convertedBranches.Count);
            for (int i = 0; i < branches.Count; i++)
            {
                AssertSurvives(branches[i], convertedBranches[i], definitions, $"{path}.anyOf[{i}]", refs);
            }
            return;
        }

        var (properties, required) = ObjectParts(source, definitions);
        if (properties.Count > 0)
        {
            var convertedProperties = converted.GetProperty("properties");
            Assert.Equal(properties.Keys.Order(StringComparer.Ordinal), convertedProperties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            foreach (var (name, schema) in properties)
            {
                AssertSurvives(schema, convertedProperties.GetProperty(name), definitions, $"{path}.{name}", refs);
            }
            var expectedRequired = required.Where(properties.ContainsKey).Distinct().Order(StringComparer.Ordinal).ToList();
            var actualRequired = converted.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToList() : [];
            Assert.True(expectedRequired.SequenceEqual(actualRequired), $"{path}.required: expected [{string.Join(",", expectedRequired)}] but found [{string.Join(",", actualRequired)}]");
        }
        if (source.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            Assert.Equal(values.EnumerateArray().Select(v => v.GetString()), converted.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        }
        if (source.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String)
        {
            Assert.Equal([constant.GetString()], converted.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        }
        if (source.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            AssertSurvives(items, converted.GetProperty("items"), definitions, path + "[]", refs);
        }
        if (source.TryGetProperty("description", out var description))
        {
            Assert.Equal(description.GetString(), converted.GetProperty("description").GetString());
        }
    }

    private static IEnumerable<JsonElement> Branches(JsonElement source) =>
        new[] { "anyOf", "oneOf" }.Where(k => source.TryGetProperty(k, out _)).SelectMany(k => source.GetProperty(k).EnumerateArray());

    private static bool IsNullSchema(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    /// <summary>Properties and required names of an object node, allOf parts ($refs resolved) merged in.</summary>
    private static (Dictionary<string, JsonElement> Properties, List<string> Required) ObjectParts(JsonElement source, Dictionary<string, JsonElement> definitions)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = new List<string>();
        var parts = new List<JsonElement> { source };
        if (source.TryGetProperty("allOf", out var allOf))
        {
            parts.AddRange(allOf.EnumerateArray().Select(p => p.TryGetProperty("$ref", out var r) ? definitions[r.GetString()!] : p));
        }
        foreach (var part in parts)
        {
            if (part.TryGetProperty("properties", out var props))
            {
                foreach (var property in props.EnumerateObject())
                {
                    properties[property.Name] = property.Value;
                }
            }
            if (part.TryGetProperty("required", out var names))
            {
                required.AddRange(names.EnumerateArray().Select(n => n.GetString()!));
            }
        }
        return (properties, required);
    }
}
