using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes "generationConfig": sampling fields, maxOutputTokens, stopSequences, responseMimeType with
/// responseJsonSchema (or sanitised responseSchema, see <see cref="GeminiSchemaMode"/>), thinkingConfig, and the
/// Gemini fields kept raw. Reasoning from another protocol:
/// <list type="bullet">
/// <item>thinking turned off → thinkingBudget 0;</item>
/// <item>a token budget (Anthropic budget_tokens) → thinkingBudget with that value;</item>
/// <item>an effort word (OpenAI reasoning_effort) → thinkingBudget by <see cref="EffortBudget"/>: none 0, minimal 512,
/// low 1024, medium 8192, high 24576 (the largest 2.5 Flash takes), xhigh/max 32768 (2.5 Pro's largest), any other
/// word -1 (dynamic: the model decides);</item>
/// <item>thinking on without budget or effort (Anthropic adaptive) → thinkingBudget -1.</item>
/// </list>
/// thinkingBudget works on every thinking model, Gemini 3 included (it maps it to a level), while thinkingLevel is
/// Gemini 3 only. Whenever thinking is on, includeThoughts is true unless the request said otherwise: a client of
/// another protocol that asked for reasoning expects to see it, as thinking blocks or reasoning_content.
/// </summary>
internal static class GeminiConfigWriter
{
    private const string Prefix = "generationConfig.";

    public static void Write(JsonFieldWriter writer, ChatRequest request, GeminiWriteContext context)
    {
        bool any = request.Temperature is not null || request.TopP is not null || request.TopK is not null
            || request.MaxOutputTokens is not null || request.StopSequences is not null || request.Seed is not null
            || request.PresencePenalty is not null || request.FrequencyPenalty is not null
            || request.ResponseFormat is { Kind: not ResponseFormatKind.Text } || request.Reasoning is not null
            || GeminiJson.HasUnder(request.Extensions, Prefix);
        if (!any)
        {
            return;
        }
        var names = context.Names;
        writer.StartObject(names.Spell("generationConfig"));
        WriteSampling(writer, request, names);
        WriteFormat(writer, request, context);
        WriteThinking(writer, request, context);
        GeminiJson.WriteLevel(writer, request.Extensions, Prefix);
        writer.EndObject();
    }

    private static void WriteSampling(JsonFieldWriter writer, ChatRequest request, GeminiNames names)
    {
        if (request.StopSequences is { } stops)
        {
            writer.StartArray(names.Spell("stopSequences"));
            stops.ForEach(writer.Json.WriteStringValue);
            writer.EndArray();
        }
        if (request.MaxOutputTokens is { } max)
        {
            writer.Number(names.Spell("maxOutputTokens"), max);
        }
        Number(writer, names.Spell("temperature"), request.Temperature);
        Number(writer, names.Spell("topP"), request.TopP);
        if (request.TopK is { } topK)
        {
            writer.Number(names.Spell("topK"), topK);
        }
        if (request.Seed is { } seed)
        {
            writer.Number("seed", seed);
        }
        Number(writer, names.Spell("presencePenalty"), request.PresencePenalty);
        Number(writer, names.Spell("frequencyPenalty"), request.FrequencyPenalty);
    }

    private static void Number(JsonFieldWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.Number(name, number);
        }
    }

    private static void WriteFormat(JsonFieldWriter writer, ChatRequest request, GeminiWriteContext context)
    {
        var format = request.ResponseFormat;
        if (format is null || format.Kind == ResponseFormatKind.Text)
        {
            return;
        }
        var names = context.Names;
        writer.String(names.Spell("responseMimeType"), "application/json");
        if (format is not { Kind: ResponseFormatKind.JsonSchema, SchemaJson: { } schema }
            || GeminiJson.Has(request.Extensions, Prefix + names.Spell("responseSchema")))
        {
            return; // json_object mode, or a Gemini OpenAPI responseSchema written back from the extensions
        }
        if (context.SameProtocol || context.Options.SchemaMode == GeminiSchemaMode.JsonSchema)
        {
            writer.Raw(names.Spell("responseJsonSchema"), schema);
        }
        else
        {
            writer.Raw("responseSchema", GeminiSchema.ToOpenApi(schema));
        }
    }

    private static void WriteThinking(JsonFieldWriter writer, ChatRequest request, GeminiWriteContext context)
    {
        var reasoning = request.Reasoning;
        const string ThinkingPrefix = Prefix + "thinkingConfig.";
        if (reasoning is null && !GeminiJson.HasUnder(request.Extensions, ThinkingPrefix))
        {
            return;
        }
        reasoning ??= new ReasoningOptions();
        var names = context.Names;
        int? budget;
        string? level = null;
        if (context.SameProtocol)
        {
            budget = reasoning.BudgetTokens ?? (reasoning.Enabled == false ? 0 : reasoning.Enabled == true ? -1 : null);
            level = reasoning.Effort;
        }
        else
        {
            budget = reasoning.Enabled == false ? 0
                : reasoning.BudgetTokens ?? (reasoning.Effort is { } effort ? EffortBudget(effort) : reasoning.Enabled == true ? -1 : null);
        }
        bool? include = reasoning.IncludeThoughts ?? (!context.SameProtocol && budget is not null && budget != 0 ? true : null);
        if (budget is null && level is null && include is null && !GeminiJson.HasUnder(request.Extensions, ThinkingPrefix))
        {
            return; // e.g. only a Responses summary mode: nothing Gemini can take
        }
        writer.StartObject(names.Spell("thinkingConfig"));
        if (budget is { } tokens)
        {
            writer.Number(names.Spell("thinkingBudget"), tokens);
        }
        if (include is { } thoughts)
        {
            writer.Bool(names.Spell("includeThoughts"), thoughts);
        }
        if (level is not null)
        {
            writer.String(names.Spell("thinkingLevel"), level);
        }
        GeminiJson.WriteLevel(writer, request.Extensions, ThinkingPrefix);
        writer.EndObject();
    }

    /// <summary>The thinkingBudget for an effort word (table in the class summary).</summary>
    public static int EffortBudget(string effort) => effort.ToUpperInvariant() switch
    {
        "NONE" => 0,
        "MINIMAL" => 512,
        "LOW" => 1024,
        "MEDIUM" => 8192,
        "HIGH" => 24576,
        "XHIGH" or "MAX" => 32768,
        _ => -1,
    };
}
