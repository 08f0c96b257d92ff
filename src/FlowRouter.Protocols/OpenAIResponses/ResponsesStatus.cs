using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// A response's status (+ incomplete_details.reason) ⇄ <see cref="FinishReason"/>. Responses has no finish reason of
/// its own: completed is Stop, or ToolCalls when the output holds a call (what OpenAI Chat says for the same answer);
/// incomplete/max_output_tokens is Length, incomplete/content_filter ContentFilter; failed is Error; any other status
/// or reason stays <see cref="FinishReason.Other"/> with the raw word, never Stop. Writing, Anthropic's refusal stop
/// is content_filter (as the OpenAI Chat codec does), stop_sequence and pause_turn are completed, and an unknown
/// Other is completed too: SDKs type status as a closed set, and the answer did end.
/// </summary>
public static class ResponsesStatus
{
    private static readonly string[] Statuses = ["completed", "incomplete", "failed", "cancelled", "in_progress", "queued"];

    public static FinishReason? Read(string? status, string? incompleteReason, bool hasToolCalls) => status switch
    {
        null => null,
        "completed" => hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop,
        "incomplete" => incompleteReason switch
        {
            "max_output_tokens" => FinishReason.Length,
            "content_filter" => FinishReason.ContentFilter,
            null => FinishReason.Other("incomplete"),
            _ => FinishReason.Other(incompleteReason),
        },
        "failed" => FinishReason.Error,
        _ => FinishReason.Other(status),
    };

    /// <summary>The status and incomplete reason (or null) to write for a canonical finish.</summary>
    public static (string Status, string? IncompleteReason) Write(FinishReason? finish)
    {
        if (finish is not { } reason)
        {
            return ("completed", null);
        }
        if (reason == FinishReason.Length)
        {
            return ("incomplete", "max_output_tokens");
        }
        if (reason == FinishReason.ContentFilter || reason == FinishReason.Refusal)
        {
            return ("incomplete", "content_filter");
        }
        if (reason == FinishReason.Error)
        {
            return ("failed", null);
        }
        return !reason.IsWellKnown && Statuses.Contains(reason.Value) ? (reason.Value, null) : ("completed", null);
    }
}
