using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes "thinking", "output_config" / "output_format" from <see cref="ReasoningOptions"/> and
/// <see cref="ResponseFormat"/>.
/// <para>An effort word read from Anthropic's own output_config.effort goes back there. An effort word from another
/// protocol (OpenAI reasoning_effort) becomes a thinking budget instead, because every thinking-capable Claude model
/// takes a budget while only some take effort: none → no thinking, minimal/low → 1024 (Anthropic's minimum budget),
/// medium → 4096, high → 16384, xhigh/max → 32768, any other word → 4096.</para>
/// <para>A JSON-schema response format goes out as output_config.format {type:json_schema, schema} — the generally
/// available shape, which the recorded traffic uses — or as the beta top-level output_format when that is what the
/// client sent. OpenAI's name/strict have no slot there and are dropped; json_object mode has no Anthropic
/// equivalent and is dropped too (a bare {"type":"object"} schema would be rejected without properties).</para>
/// </summary>
internal static class AnthropicReasoningWriter
{
    /// <summary>What thinking the writer settled on, which max_tokens, sampling and tool_choice must respect.</summary>
    public readonly record struct Thinking(int? Budget, bool Derived, bool Off = false)
    {
        /// <summary>Thinking left out of one request whatever the client asked (see AnthropicRequestWriter).</summary>
        public static readonly Thinking Suppressed = new(null, false, Off: true);

        public bool On(ChatRequest request) => !Off && (Budget is not null || request.Reasoning is { Enabled: true });
    }

    public static Thinking Resolve(ChatRequest request)
    {
        var reasoning = request.Reasoning;
        if (reasoning is null || reasoning.Enabled == false)
        {
            return default;
        }
        if (reasoning.BudgetTokens is { } budget)
        {
            return new Thinking(budget, false);
        }
        if (reasoning.Enabled == true || reasoning.Effort is null || HasEffortMarker(request))
        {
            return default;
        }
        return EffortBudget(reasoning.Effort) is { } derived ? new Thinking(derived, true) : default;
    }

    public static int? EffortBudget(string effort) => effort.ToUpperInvariant() switch
    {
        "NONE" => null,
        "MINIMAL" or "LOW" => 1024,
        "MEDIUM" => 4096,
        "HIGH" => 16384,
        "XHIGH" or "MAX" => 32768,
        _ => 4096,
    };

    public static void WriteThinking(JsonFieldWriter writer, ChatRequest request, Thinking thinking)
    {
        var reasoning = request.Reasoning;
        bool explicitThinking = reasoning?.Enabled is not null || reasoning?.BudgetTokens is not null;
        if (thinking.Off || !explicitThinking && thinking.Budget is null)
        {
            return;
        }
        writer.StartObject("thinking");
        if (reasoning?.Enabled == false)
        {
            writer.String("type", "disabled");
        }
        else if (thinking.Budget is { } budget)
        {
            writer.String("type", "enabled");
            writer.Number("budget_tokens", budget);
        }
        else
        {
            writer.String("type", "adaptive");
        }
        writer.Extensions(request.Extensions, "thinking.");
        writer.EndObject();
    }

    /// <summary><paramref name="schemaAsFormat"/> is false when the schema went out as an answer tool instead.</summary>
    public static void WriteOutput(JsonFieldWriter writer, ChatRequest request, bool schemaAsFormat = true)
    {
        var schema = schemaAsFormat && request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, SchemaJson: { } json } ? json : null;
        bool legacyFormat = schema is not null && request.Extensions?.AppliesTo(WireProtocol.Anthropic) == true
            && request.Extensions.Get(AnthropicReasoningReader.OutputFormatMarker) is not null;
        if (legacyFormat)
        {
            WriteFormat(writer, "output_format", schema!);
        }
        string? effort = HasEffortMarker(request) ? request.Reasoning?.Effort : null;
        bool keptFields = request.Extensions?.AppliesTo(WireProtocol.Anthropic) == true
            && request.Extensions.Fields.Any(f => f.Key.StartsWith("output_config.", StringComparison.Ordinal) && f.Key != AnthropicReasoningReader.EffortMarker);
        if ((schema is null || legacyFormat) && effort is null && !keptFields)
        {
            return;
        }
        writer.StartObject("output_config");
        if (schema is not null && !legacyFormat)
        {
            WriteFormat(writer, "format", schema);
        }
        if (effort is not null)
        {
            writer.String("effort", effort);
        }
        writer.Extensions(request.Extensions, "output_config.", skip: "effort");
        writer.EndObject();
    }

    private static void WriteFormat(JsonFieldWriter writer, string name, string schemaJson)
    {
        writer.StartObject(name);
        writer.String("type", "json_schema");
        writer.Raw("schema", schemaJson);
        writer.EndObject();
    }

    private static bool HasEffortMarker(ChatRequest request) =>
        request.Extensions?.AppliesTo(WireProtocol.Anthropic) == true && request.Extensions.Get(AnthropicReasoningReader.EffortMarker) is not null;
}
