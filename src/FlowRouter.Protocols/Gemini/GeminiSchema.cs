using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Converts between JSON Schema (what OpenAI and Anthropic tools and response formats carry, and what Gemini's
/// parametersJsonSchema / responseJsonSchema take) and the OpenAPI 3.0 subset of Gemini's older Schema object
/// (functionDeclarations[].parameters, generationConfig.responseSchema), whose proto parser rejects a whole request
/// on the first keyword it has no field for ("Unknown name \"exclusiveMinimum\"…").
/// <para><see cref="ToOpenApi"/> is deterministic: it keeps only the Schema fields Gemini defines (type, format,
/// title, description, nullable, enum, items, properties, required, min/maxItems, min/maxLength, min/maxProperties,
/// pattern, minimum, maximum, default, example, anyOf, propertyOrdering) and converts the rest where a meaning
/// survives: type ["string","null"] → type STRING + nullable; several types → anyOf; oneOf → anyOf; an anyOf branch
/// {"type":"null"} → nullable (a single remaining branch is merged in); const → enum [value]; numeric
/// exclusiveMinimum/Maximum → minimum/maximum (+1/−1 for integers, the inclusive bound otherwise: one boundary value
/// more is accepted, the range stays); $ref into $defs/definitions → the definition inlined (a reference cycle
/// becomes {"type":"OBJECT"}); allOf → its object branches merged; a string enum or const without a type gets type
/// STRING (Gemini allows enum only there); enum with non-string values, and format values Gemini does not know, are
/// dropped. Type names are written upper case, as the proto enum spells them.</para>
/// </summary>
public static class GeminiSchema
{
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "title", "description", "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties",
        "pattern", "minimum", "maximum", "default", "example", "propertyOrdering",
    };

    private static readonly HashSet<string> KnownFormats = new(StringComparer.Ordinal)
    {
        "enum", "date-time", "float", "double", "int32", "int64",
    };

    /// <summary>JSON Schema → Gemini's OpenAPI Schema subset, as JSON text.</summary>
    public static string ToOpenApi(string jsonSchema)
    {
        ArgumentNullException.ThrowIfNull(jsonSchema);
        using var document = JsonDocument.Parse(jsonSchema);
        var root = document.RootElement;
        var definitions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        CollectDefinitions(root, definitions);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GeminiJson.Writer))
        {
            new Converter(writer, definitions).Schema(root);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>True when an OpenAPI schema is an object with no properties (Gemini wants parameters left out then).</summary>
    public static bool IsEmptyObject(string openApiSchema)
    {
        ArgumentNullException.ThrowIfNull(openApiSchema);
        using var document = JsonDocument.Parse(openApiSchema);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && (!root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object || !properties.EnumerateObject().Any())
            && !root.TryGetProperty("anyOf", out _);
    }

    /// <summary>
    /// Gemini's OpenAPI Schema → JSON Schema for other protocols: type names lower case, nullable: true → a type list
    /// with "null" (or an anyOf branch when there is no single type); every other keyword is the same in both.
    /// </summary>
    public static string FromOpenApi(JsonElement schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GeminiJson.Writer))
        {
            WriteFromOpenApi(writer, schema);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteFromOpenApi(Utf8JsonWriter writer, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            schema.WriteTo(writer);
            return;
        }
        bool nullable = schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True;
        string? type = GeminiJson.TryString(schema, "type")?.ToLowerInvariant();
        writer.WriteStartObject();
        foreach (var property in schema.EnumerateObject())
        {
            switch (property.Name)
            {
                case "nullable":
                    break;
                case "type" when type is not null:
                    writer.WritePropertyName("type");
                    if (nullable)
                    {
                        writer.WriteStartArray();
                        writer.WriteStringValue(type);
                        writer.WriteStringValue("null");
                        writer.WriteEndArray();
                    }
                    else
                    {
                        writer.WriteStringValue(type);
                    }
                    break;
                case "properties" when property.Value.ValueKind == JsonValueKind.Object:
                    writer.WriteStartObject("properties");
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        writer.WritePropertyName(item.Name);
                        WriteFromOpenApi(writer, item.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case "items":
                    writer.WritePropertyName("items");
                    WriteFromOpenApi(writer, property.Value);
                    break;
                case "anyOf" when property.Value.ValueKind == JsonValueKind.Array:
                    writer.WriteStartArray("anyOf");
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        WriteFromOpenApi(writer, item);
                    }
                    if (nullable && type is null)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type", "null");
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    break;
                default:
                    property.WriteTo(writer);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void CollectDefinitions(JsonElement root, Dictionary<string, JsonElement> definitions)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (string key in new[] { "$defs", "definitions" })
        {
            if (root.TryGetProperty(key, out var defs) && defs.ValueKind == JsonValueKind.Object)
            {
                foreach (var def in defs.EnumerateObject())
                {
                    definitions["#/" + key + "/" + def.Name] = def.Value;
                }
            }
        }
    }

    /// <summary>One conversion pass; <c>_refs</c> is the chain of $refs being inlined, to stop at a cycle.</summary>
    private sealed class Converter(Utf8JsonWriter writer, Dictionary<string, JsonElement> definitions)
    {
        private readonly Stack<string> _refs = new();

        public void Schema(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                writer.WriteStartObject(); // true / false schemas: nothing Gemini can express
                writer.WriteEndObject();
                return;
            }
            if (GeminiJson.TryString(schema, "$ref") is { } reference)
            {
                Reference(schema, reference);
                return;
            }
            writer.WriteStartObject();
            Body(schema, new Node(schema));
            writer.WriteEndObject();
        }

        private void Reference(JsonElement schema, string reference)
        {
            if (!definitions.TryGetValue(reference, out var target) || _refs.Contains(reference))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "OBJECT");
                WriteDescription(schema);
                writer.WriteEndObject();
                return;
            }
            _refs.Push(reference);
            writer.WriteStartObject();
            var node = new Node(target);
            if (GeminiJson.TryString(schema, "description") is { } description)
            {
                node.Description = description; // a description beside $ref describes this use of it
            }
            Body(target, node);
            writer.WriteEndObject();
            _refs.Pop();
        }

        private void WriteDescription(JsonElement schema)
        {
            if (GeminiJson.TryString(schema, "description") is { } description)
            {
                writer.WriteString("description", description);
            }
        }

        private void Body(JsonElement schema, Node node)
        {
            if (node.Hoisted is { } hoisted && Hoist(hoisted, node))
            {
                return;
            }
            if (node.Types.Count > 1 || (node.Types.Count == 0 && node.Branches.Count > 0))
            {
                Union(node);
                return;
            }
            string? type = node.Types.Count == 1 ? node.Types[0]
                : node.Properties is not null ? "object"
                : node.Items is not null ? "array"
                : StringChoices(schema) ? "string" // Gemini: "enum only allowed for STRING type", so a bare enum/const says it
                : null;
            if (type is not null)
            {
                writer.WriteString("type", type.ToUpperInvariant());
            }
            if (node.Nullable)
            {
                writer.WriteBoolean("nullable", true);
            }
            if (node.Description is not null)
            {
                writer.WriteString("description", node.Description);
            }
            Keywords(schema, type);
            if (node.Wrapper is { } wrapper)
            {
                // The wrapper's own annotations (title, default, … as pydantic writes beside anyOf [X, null]) unless X says them.
                foreach (var property in wrapper.EnumerateObject())
                {
                    if (Kept.Contains(property.Name) && !schema.TryGetProperty(property.Name, out _))
                    {
                        property.WriteTo(writer);
                    }
                }
            }
            if (node.Items is { } items)
            {
                writer.WritePropertyName("items");
                Schema(items);
            }
            if (node.Properties is { } properties)
            {
                Properties(properties, node.Required);
            }
        }

        /// <summary>
        /// A node that is only a wrapper around one schema (anyOf [X, null], allOf [X]) becomes X with the wrapper's
        /// nullability and description; false when X is a reference cycle (the caller writes an anyOf instead).
        /// </summary>
        private bool Hoist(JsonElement inner, Node outer)
        {
            string? reference = GeminiJson.TryString(inner, "$ref");
            if (reference is not null && (!definitions.TryGetValue(reference, out var target) || _refs.Contains(reference)))
            {
                return false;
            }
            var schema = reference is null ? inner : definitions[reference];
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            if (reference is not null)
            {
                _refs.Push(reference);
            }
            var node = new Node(schema);
            node.Nullable |= outer.Nullable;
            node.Description = outer.Description ?? node.Description;
            node.Wrapper = outer.Source;
            Body(schema, node);
            if (reference is not null)
            {
                _refs.Pop();
            }
            return true;
        }

        /// <summary>Several types or anyOf/oneOf branches: an anyOf of converted branches.</summary>
        private void Union(Node node)
        {
            if (node.Nullable)
            {
                writer.WriteBoolean("nullable", true);
            }
            if (node.Description is not null)
            {
                writer.WriteString("description", node.Description);
            }
            foreach (var property in node.Source.EnumerateObject())
            {
                if (Kept.Contains(property.Name) && property.Name != "description")
                {
                    property.WriteTo(writer); // annotations of the union itself (title, default)
                }
            }
            writer.WriteStartArray("anyOf");
            foreach (string type in node.Types)
            {
                writer.WriteStartObject();
                writer.WriteString("type", type.ToUpperInvariant());
                writer.WriteEndObject();
            }
            foreach (var branch in node.Branches)
            {
                Schema(branch);
            }
            writer.WriteEndArray();
        }

        private void Keywords(JsonElement schema, string? type)
        {
            foreach (var property in schema.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "format" when value.ValueKind == JsonValueKind.String && KnownFormats.Contains(value.GetString()!):
                        property.WriteTo(writer);
                        break;
                    case "enum" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String):
                        property.WriteTo(writer);
                        break;
                    case "const" when value.ValueKind == JsonValueKind.String && !schema.TryGetProperty("enum", out _):
                        writer.WriteStartArray("enum");
                        writer.WriteStringValue(value.GetString());
                        writer.WriteEndArray();
                        break;
                    case "exclusiveMinimum" when value.ValueKind == JsonValueKind.Number && !schema.TryGetProperty("minimum", out _):
                        Bound("minimum", value, type == "integer" ? 1 : 0);
                        break;
                    case "exclusiveMaximum" when value.ValueKind == JsonValueKind.Number && !schema.TryGetProperty("maximum", out _):
                        Bound("maximum", value, type == "integer" ? -1 : 0);
                        break;
                    case "description":
                        break; // written first, from the node
                    default:
                        if (Kept.Contains(property.Name))
                        {
                            property.WriteTo(writer);
                        }
                        break;
                }
            }
        }

        /// <summary>True when the node lists its values as strings only (a string enum, or a string const).</summary>
        private static bool StringChoices(JsonElement schema) =>
            (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0
                && values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            || (schema.TryGetProperty("const", out var value) && value.ValueKind == JsonValueKind.String);

        private void Bound(string name, JsonElement value, int step)
        {
            if (step != 0 && value.TryGetInt64(out long whole))
            {
                writer.WriteNumber(name, whole + step);
            }
            else
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        private void Properties(List<KeyValuePair<string, JsonElement>> properties, List<string> required)
        {
            writer.WriteStartObject("properties");
            foreach (var (name, value) in properties)
            {
                writer.WritePropertyName(name);
                Schema(value);
            }
            writer.WriteEndObject();
            var names = properties.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var kept = required.Where(names.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (kept.Count > 0)
            {
                writer.WriteStartArray("required");
                kept.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
            }
        }
    }

    /// <summary>What one JSON Schema node says about type, nullability, branches, properties and items.</summary>
    private sealed class Node
    {
        public Node(JsonElement schema)
        {
            Source = schema;
            Description = GeminiJson.TryString(schema, "description");
            ReadTypes(schema);
            ReadBranches(schema, "anyOf");
            ReadBranches(schema, "oneOf");
            JsonElement? onlyPart = null;
            if (schema.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    MergeObject(part);
                    ReadTypesOf(part);
                }
                if (allOf.GetArrayLength() == 1)
                {
                    onlyPart = allOf[0];
                }
            }
            MergeObject(schema);
            if (schema.TryGetProperty("items", out var items) && items.ValueKind is JsonValueKind.Object)
            {
                Items = items;
            }
            else if (items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0)
            {
                Items = items[0]; // tuple form: Gemini has one item schema; the first position's is the best guess
            }
            if (Types.Count == 0 && Properties is null && Items is null)
            {
                Hoisted = Branches.Count == 1 ? Branches[0] : Branches.Count == 0 ? onlyPart : null;
            }
        }

        /// <summary>The schema this node was read from.</summary>
        public JsonElement Source { get; }

        /// <summary>For a hoisted node: the wrapper it came out of, whose annotations it keeps.</summary>
        public JsonElement? Wrapper { get; set; }

        public List<string> Types { get; } = [];
        public List<JsonElement> Branches { get; } = [];
        public bool Nullable { get; set; }
        public string? Description { get; set; }
        public List<KeyValuePair<string, JsonElement>>? Properties { get; private set; }
        public List<string> Required { get; } = [];
        public JsonElement? Items { get; private set; }
        public JsonElement? Hoisted { get; }

        private void ReadTypesOf(JsonElement part)
        {
            if (part.ValueKind == JsonValueKind.Object && !part.TryGetProperty("$ref", out _))
            {
                ReadTypes(part);
            }
        }

        private void ReadTypes(JsonElement schema)
        {
            if (!schema.TryGetProperty("type", out var type))
            {
                return;
            }
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().ToList() : [type];
            foreach (var name in names.Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!.ToLowerInvariant()))
            {
                if (name == "null")
                {
                    Nullable = true;
                }
                else if (!Types.Contains(name))
                {
                    Types.Add(name);
                }
            }
        }

        private void ReadBranches(JsonElement schema, string key)
        {
            if (!schema.TryGetProperty(key, out var branches) || branches.ValueKind != JsonValueKind.Array)
            {
                return;
            }
            foreach (var branch in branches.EnumerateArray())
            {
                if (branch.ValueKind == JsonValueKind.Object && GeminiJson.TryString(branch, "type") == "null" && branch.EnumerateObject().Count() == 1)
                {
                    Nullable = true;
                }
                else
                {
                    Branches.Add(branch);
                }
            }
        }

        private void MergeObject(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                Properties ??= [];
                foreach (var property in properties.EnumerateObject())
                {
                    Properties.RemoveAll(p => p.Key == property.Name);
                    Properties.Add(new(property.Name, property.Value));
                }
            }
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                Required.AddRange(required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            }
        }
    }
}
