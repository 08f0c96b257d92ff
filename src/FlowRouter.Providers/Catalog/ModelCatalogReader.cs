using System.Text.Json;

namespace FlowRouter.Providers.Catalog;

/// <summary>
/// Reads the catalog file format (see models.json) by hand over a <see cref="JsonDocument"/>: no reflection, so it
/// behaves the same in the Native AOT binary. Comments and trailing commas are allowed, unknown properties are an
/// error (a typo in a user file must not silently drop a figure), except "note" and names starting with '_'.
/// </summary>
internal static class ModelCatalogReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ModelCatalogSnapshot Read(ReadOnlyMemory<byte> json, string source, ModelCatalogSnapshot? under)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Model catalog '{source}': not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"Model catalog '{source}': the root must be an object with a \"models\" array.");
            }
            string? asOf = under?.AsOf;
            JsonElement models = default;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "as_of" when property.Value.ValueKind == JsonValueKind.String:
                        asOf = property.Value.GetString();
                        break;
                    case "models" when property.Value.ValueKind == JsonValueKind.Array:
                        models = property.Value;
                        break;
                    case "note":
                        break;
                    default:
                        if (!property.Name.StartsWith('_'))
                        {
                            throw new FormatException($"Model catalog '{source}': unexpected top-level property \"{property.Name}\" (expected \"as_of\" string and \"models\" array).");
                        }
                        break;
                }
            }
            if (models.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"Model catalog '{source}': missing the \"models\" array.");
            }
            return new ModelCatalogSnapshot(ReadEntries(models, source, under), asOf);
        }
    }

    private static Dictionary<string, ModelLimits>.ValueCollection ReadEntries(JsonElement models, string source, ModelCatalogSnapshot? under)
    {
        var entries = new Dictionary<string, ModelLimits>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in under?.Entries ?? [])
        {
            entries[entry.Prefix] = entry;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int index = 0;
        foreach (var element in models.EnumerateArray())
        {
            var at = new Where(source, index++, null);
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw at.Fail("each entry must be an object");
            }
            if (!element.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(idElement.GetString()))
            {
                throw at.Fail("\"id\" must be a non-empty string (the model name prefix)");
            }
            string id = idElement.GetString()!.Trim();
            at = at with { Id = id };
            if (!seen.Add(id))
            {
                throw at.Fail("the id appears twice in this file");
            }
            entries.TryGetValue(id, out var inherited);
            entries[id] = ReadEntry(element, inherited ?? new ModelLimits(id, null, null), at);
        }
        return entries.Values;
    }

    private static ModelLimits ReadEntry(JsonElement element, ModelLimits entry, Where at)
    {
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            entry = property.Name switch
            {
                "id" or "note" => entry,
                "vendor" => entry with { Vendor = value.ValueKind == JsonValueKind.Null ? null : value.ValueKind == JsonValueKind.String ? value.GetString() : throw at.Fail("\"vendor\" must be a string or null") },
                "context_window" => entry with { ContextWindow = PositiveInt(value, "context_window", at) },
                "max_output_tokens" => entry with { MaxOutputTokens = PositiveInt(value, "max_output_tokens", at) },
                "price" => entry with { Prices = ReadPrices(value, entry.Prices, at) },
                "capabilities" => ReadCapabilities(value, entry, at),
                _ when property.Name.StartsWith('_') => entry,
                _ => throw at.Fail($"unknown property \"{property.Name}\" (expected id, vendor, context_window, max_output_tokens, price, capabilities)"),
            };
        }
        return entry;
    }

    private static ModelPrices ReadPrices(JsonElement value, ModelPrices prices, Where at)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return ModelPrices.Unknown;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw at.Fail("\"price\" must be an object {input, output, cache_read, cache_write} or null");
        }
        foreach (var property in value.EnumerateObject())
        {
            prices = property.Name switch
            {
                "input" => prices with { Input = Price(property.Value, "price.input", at) },
                "output" => prices with { Output = Price(property.Value, "price.output", at) },
                "cache_read" => prices with { CacheRead = Price(property.Value, "price.cache_read", at) },
                "cache_write" => prices with { CacheWrite = Price(property.Value, "price.cache_write", at) },
                _ when property.Name.StartsWith('_') || property.Name == "note" => prices,
                _ => throw at.Fail($"unknown price \"{property.Name}\" (expected input, output, cache_read, cache_write)"),
            };
        }
        return prices;
    }

    private static ModelLimits ReadCapabilities(JsonElement value, ModelLimits entry, Where at)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw at.Fail("\"capabilities\" must be an array of \"tools\", \"vision\", \"reasoning\", \"structured_output\"");
        }
        bool tools = false, vision = false, reasoning = false, structured = false;
        foreach (var item in value.EnumerateArray())
        {
            switch (item.ValueKind == JsonValueKind.String ? item.GetString() : null)
            {
                case "tools": tools = true; break;
                case "vision": vision = true; break;
                case "reasoning": reasoning = true; break;
                case "structured_output": structured = true; break;
                default: throw at.Fail($"unknown capability {item.GetRawText()} (expected tools, vision, reasoning, structured_output)");
            }
        }
        return entry with { Tools = tools, Vision = vision, Reasoning = reasoning, StructuredOutput = structured };
    }

    private static int? PositiveInt(JsonElement value, string name, Where at) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt32(out int n) && n > 0 => n,
        _ => throw at.Fail($"\"{name}\" must be a positive whole number of tokens or null, not {value.GetRawText()}"),
    };

    private static decimal? Price(JsonElement value, string name, Where at) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetDecimal(out decimal d) && d >= 0 => d,
        _ => throw at.Fail($"\"{name}\" must be a non-negative number (USD per 1M tokens) or null, not {value.GetRawText()}"),
    };

    /// <summary>Where a bad value sits, for an error message a user can act on.</summary>
    private readonly record struct Where(string Source, int Index, string? Id)
    {
        public FormatException Fail(string problem) =>
            new($"Model catalog '{Source}', models[{Index}]{(Id is null ? "" : $" (\"{Id}\")")}: {problem}.");
    }
}
