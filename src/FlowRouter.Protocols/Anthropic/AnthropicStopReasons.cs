using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// stop_reason ⇄ <see cref="FinishReason"/>: end_turn→Stop, max_tokens→Length, stop_sequence→StopSequence,
/// tool_use→ToolCalls, pause_turn→PauseTurn, refusal→Refusal, model_context_window_exceeded→Length (a length stop to
/// any other protocol; readers keep the raw word so a same-protocol write says it again), anything else →
/// Other(raw), never Stop.
/// </summary>
public static class AnthropicStopReasons
{
    public static FinishReason Read(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return raw switch
        {
            "end_turn" => FinishReason.Stop,
            "max_tokens" or "model_context_window_exceeded" => FinishReason.Length,
            "stop_sequence" => FinishReason.StopSequence,
            "tool_use" => FinishReason.ToolCalls,
            "pause_turn" => FinishReason.PauseTurn,
            "refusal" => FinishReason.Refusal,
            _ => FinishReason.Other(raw),
        };
    }

    /// <summary>
    /// The wire word for a canonical reason. OpenAI's content_filter is what Anthropic calls refusal (a safety system
    /// stopped the answer). Error and any Other value become end_turn: Anthropic's SDKs type stop_reason as a closed
    /// set, and an unknown word would break a typed client; the answer did end, and its content says how far it got.
    /// <paramref name="rawWord"/> is the upstream's own word when it came from Anthropic; it wins while it still maps
    /// to <paramref name="reason"/>.
    /// </summary>
    public static string Write(FinishReason reason, string? rawWord = null)
    {
        if (rawWord is not null && Read(rawWord) == reason)
        {
            return rawWord;
        }
        if (reason == FinishReason.Length)
        {
            return "max_tokens";
        }
        if (reason == FinishReason.StopSequence)
        {
            return "stop_sequence";
        }
        if (reason == FinishReason.ToolCalls)
        {
            return "tool_use";
        }
        if (reason == FinishReason.PauseTurn)
        {
            return "pause_turn";
        }
        return reason == FinishReason.Refusal || reason == FinishReason.ContentFilter ? "refusal" : "end_turn";
    }
}
