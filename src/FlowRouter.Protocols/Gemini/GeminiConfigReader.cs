using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Reads "generationConfig": temperature, topP, topK, maxOutputTokens, stopSequences, seed, presencePenalty,
/// frequencyPenalty into their canonical slots; responseMimeType "application/json" with responseJsonSchema (JSON
/// Schema) or responseSchema (OpenAPI, converted; kept raw for a Gemini write) is a JSON-schema
/// <see cref="ResponseFormat"/>, without a schema it is json_object mode; any other mime type (text/x.enum…) stays raw.
/// thinkingConfig: thinkingBudget N &gt; 0 → BudgetTokens N; 0 → Enabled=false; -1 (dynamic) → Enabled=true without a
/// budget; includeThoughts → IncludeThoughts; thinkingLevel → Effort (written back as thinkingLevel to Gemini).
/// Everything else (candidateCount, responseModalities, mediaResolution, speechConfig…) stays raw.
/// </summary>
internal static class GeminiConfigReader
{
    private const string Prefix = "generationConfig.";

    public static void Read(ChatRequest request, JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        string? mimeType = null;
        JsonProperty? jsonSchema = null, openApiSchema = null;
        bool any = false;
        foreach (var property in value.EnumerateObject())
        {
            any = true;
            string at = GeminiJson.Join(path, property.Name);
            string name = names.Canon(property.Name);
            switch (name)
            {
                case "responseMimeType":
                    mimeType = GeminiJson.String(property.Value, at);
                    break;
                case "responseJsonSchema" when property.Value.ValueKind != JsonValueKind.Null:
                    jsonSchema = property;
                    break;
                case "responseSchema" when property.Value.ValueKind != JsonValueKind.Null:
                    openApiSchema = property;
                    break;
                case "thinkingConfig" when property.Value.ValueKind != JsonValueKind.Null:
                    ReadThinking(request, property.Value, at, names, ref extensions);
                    break;
                default:
                    if (!ReadSampling(request, name, property.Value, at))
                    {
                        GeminiJson.Keep(ref extensions, Prefix + property.Name, property.Value);
                    }
                    break;
            }
        }
        if (!any)
        {
            GeminiJson.Keep(ref extensions, "generationConfig", value); // "generationConfig": {} comes back as sent
        }
        ReadFormat(request, mimeType, jsonSchema, openApiSchema, names, ref extensions);
    }

    private static bool ReadSampling(ChatRequest request, string name, JsonElement value, string path)
    {
        switch (name)
        {
            case "temperature":
                request.Temperature = GeminiJson.Double(value, path);
                return true;
            case "topP":
                request.TopP = GeminiJson.Double(value, path);
                return true;
            case "topK":
                request.TopK = TopK(value, path);
                return true;
            case "maxOutputTokens":
                request.MaxOutputTokens = GeminiJson.Int(value, path);
                request.MaxOutputTokensField = "maxOutputTokens";
                return true;
            case "seed":
                request.Seed = GeminiJson.Int(value, path);
                return true;
            case "presencePenalty":
                request.PresencePenalty = GeminiJson.Double(value, path);
                return true;
            case "frequencyPenalty":
                request.FrequencyPenalty = GeminiJson.Double(value, path);
                return true;
            case "stopSequences":
                request.StopSequences = GeminiJson.Array(value, path).EnumerateArray()
                    .Select((item, i) => GeminiJson.String(item, GeminiJson.Index(path, i))).ToList();
                return true;
            default:
                return false;
        }
    }

    private static void ReadFormat(ChatRequest request, string? mimeType, JsonProperty? jsonSchema, JsonProperty? openApiSchema, GeminiNames names, ref JsonExtensions? extensions)
    {
        if (mimeType == "application/json")
        {
            string? schema = jsonSchema?.Value.GetRawText() ?? (openApiSchema is { } openApi ? GeminiSchema.FromOpenApi(openApi.Value) : null);
            request.ResponseFormat = schema is null
                ? new ResponseFormat(ResponseFormatKind.JsonObject)
                : new ResponseFormat(ResponseFormatKind.JsonSchema) { SchemaJson = schema };
            if (jsonSchema is null && openApiSchema is { } kept)
            {
                GeminiJson.Keep(ref extensions, Prefix + kept.Name, kept.Value); // written back as sent
            }
            else if (jsonSchema is not null && openApiSchema is { } both)
            {
                GeminiJson.Keep(ref extensions, Prefix + both.Name, both.Value); // Gemini rejects both; forward as given
            }
            return;
        }
        if (mimeType is not null)
        {
            GeminiJson.KeepRaw(ref extensions, Prefix + names.Spell("responseMimeType"), JsonString(mimeType));
        }
        foreach (var property in new[] { jsonSchema, openApiSchema })
        {
            if (property is { } p)
            {
                GeminiJson.Keep(ref extensions, Prefix + p.Name, p.Value);
            }
        }
    }

    private static void ReadThinking(ChatRequest request, JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        var reasoning = request.Reasoning ?? new ReasoningOptions();
        bool any = false;
        foreach (var property in value.EnumerateObject())
        {
            any = true;
            string at = GeminiJson.Join(path, property.Name);
            switch (names.Canon(property.Name))
            {
                case "thinkingBudget":
                    int budget = GeminiJson.Int(property.Value, at);
                    reasoning = budget switch
                    {
                        0 => reasoning with { Enabled = false },
                        < 0 => reasoning with { Enabled = true },
                        _ => reasoning with { Enabled = true, BudgetTokens = budget },
                    };
                    break;
                case "includeThoughts":
                    reasoning = reasoning with { IncludeThoughts = GeminiJson.Bool(property.Value, at) };
                    break;
                case "thinkingLevel":
                    reasoning = reasoning with { Effort = GeminiJson.String(property.Value, at) };
                    break;
                default:
                    GeminiJson.Keep(ref extensions, Prefix + "thinkingConfig." + property.Name, property.Value);
                    break;
            }
        }
        if (!any)
        {
            GeminiJson.Keep(ref extensions, Prefix + "thinkingConfig", value);
        }
        request.Reasoning = reasoning;
    }

    /// <summary>topK is a float in some proto versions; rounded, it must still fit an int.</summary>
    private static int TopK(JsonElement value, string path)
    {
        double topK = Math.Round(GeminiJson.Double(value, path));
        return topK is >= 0 and <= int.MaxValue ? (int)topK : throw GeminiJson.Expected(path, "a non-negative integer");
    }

    private static string JsonString(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";
}
