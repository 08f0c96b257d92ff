using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// reasoning {effort, summary} from <see cref="ReasoningOptions"/>. A request from another protocol that gives only a
/// thinking budget (Anthropic budget_tokens, Gemini thinkingBudget) gets the effort word whose Anthropic budget
/// (see AnthropicReasoningWriter: low 1024, medium 4096, high 16384) is nearest on a log scale: up to 2048 → low,
/// up to 8192 → medium, above → high. Anthropic's own "max" effort is Responses' "xhigh". Reasoning turned off with no
/// effort word writes nothing (the model's default applies: "none" and "minimal" are accepted only by some models).
/// Gemini's includeThoughts asks for summaries: summary "auto".
/// </summary>
internal static class ResponsesReasoning
{
    /// <summary>Marks that the source had a "reasoning" object (so an empty one comes back).</summary>
    public const string ObjectMarker = "marker.reasoning";

    public static string? EffortFor(ReasoningOptions options)
    {
        if (options.Effort is { } effort)
        {
            return effort.Equals("max", StringComparison.OrdinalIgnoreCase) ? "xhigh" : effort;
        }
        if (options.Enabled == false || options.BudgetTokens is not { } budget)
        {
            return null;
        }
        return budget switch
        {
            <= 0 => null,
            <= 2048 => "low",
            <= 8192 => "medium",
            _ => "high",
        };
    }

    public static void Write(JsonFieldWriter writer, ChatRequest request)
    {
        var extensions = request.Extensions;
        bool ours = ResponsesJsonRead.IsOurs(extensions);
        bool kept = ours && (ResponsesJsonRead.HasMark(extensions, ObjectMarker) || extensions!.Fields.Any(f => f.Key.StartsWith("reasoning.", StringComparison.Ordinal)));
        string? effort = request.Reasoning is { } options ? EffortFor(options) : null;
        string? summary = request.Reasoning?.Summary ?? (request.Reasoning?.IncludeThoughts == true ? "auto" : null);
        if (effort is null && summary is null && !kept)
        {
            return;
        }
        writer.StartObject("reasoning");
        if (effort is not null)
        {
            writer.String("effort", effort);
        }
        if (summary is not null)
        {
            writer.String("summary", summary);
        }
        writer.Extensions(extensions, "reasoning.");
        writer.EndObject();
    }
}
