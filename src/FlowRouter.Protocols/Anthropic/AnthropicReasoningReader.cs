using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Reads "thinking", "output_config" and the older beta "output_format" into <see cref="ReasoningOptions"/> and
/// <see cref="ResponseFormat"/>. thinking {type:enabled, budget_tokens} is Enabled + BudgetTokens, {type:disabled} is
/// Enabled=false, {type:adaptive} is Enabled with no budget. output_config.effort is the effort word. Fields beside
/// the mapped ones are kept as "thinking.x"/"output_config.x" extensions; output_config.effort and output_format are
/// also kept as markers so the writer answers in the same shape (see <see cref="AnthropicReasoningWriter"/>).
/// </summary>
internal static class AnthropicReasoningReader
{
    public const string EffortMarker = "output_config.effort";
    public const string OutputFormatMarker = "output_format";

    /// <summary>False when the thinking object has a type this codec does not know (the caller keeps it raw).</summary>
    public static bool ReadThinking(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        AnthropicJsonRead.Object(value, "thinking");
        string type = AnthropicJsonRead.RequiredString(value, "type", "thinking");
        if (type is not ("enabled" or "disabled" or "adaptive"))
        {
            return false;
        }
        int? budget = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == "budget_tokens" && type == "enabled")
            {
                budget = AnthropicJsonRead.Int(property.Value, "thinking.budget_tokens");
            }
            else if (property.Name != "type")
            {
                AnthropicJsonRead.Keep(ref extensions, "thinking." + property.Name, property.Value);
            }
        }
        request.Reasoning = (request.Reasoning ?? new ReasoningOptions()) with { Enabled = type != "disabled", BudgetTokens = budget };
        return true;
    }

    public static void ReadOutputConfig(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        AnthropicJsonRead.Object(value, "output_config");
        foreach (var property in value.EnumerateObject())
        {
            var item = property.Value;
            if (property.Name == "format" && TryReadFormat(item) is { } format)
            {
                request.ResponseFormat = format;
                continue;
            }
            if (property.Name == "effort" && item.ValueKind == JsonValueKind.String)
            {
                request.Reasoning = (request.Reasoning ?? new ReasoningOptions()) with { Effort = item.GetString() };
            }
            AnthropicJsonRead.Keep(ref extensions, "output_config." + property.Name, item);
        }
    }

    /// <summary>The beta top-level output_format; false when its shape is not the one mapped (kept raw by the caller).</summary>
    public static bool ReadOutputFormat(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        if (TryReadFormat(value) is not { } format)
        {
            return false;
        }
        request.ResponseFormat = format;
        AnthropicJsonRead.Keep(ref extensions, OutputFormatMarker, value);
        return true;
    }

    /// <summary>{type:json_schema, schema:{…}} exactly; anything else stays raw.</summary>
    private static ResponseFormat? TryReadFormat(JsonElement format)
    {
        if (format.ValueKind != JsonValueKind.Object || AnthropicJsonRead.TryString(format, "type") != "json_schema"
            || !format.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in format.EnumerateObject())
        {
            if (property.Name is not ("type" or "schema"))
            {
                return null;
            }
        }
        return new ResponseFormat(ResponseFormatKind.JsonSchema) { SchemaJson = schema.GetRawText() };
    }
}
