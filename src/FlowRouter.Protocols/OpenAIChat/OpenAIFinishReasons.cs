using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// finish_reason ⇄ <see cref="FinishReason"/>. The deprecated "function_call" maps to ToolCalls (the call itself
/// carries LegacyFunctionCall, which is how writers know to say "function_call" again); unknown words stay
/// <see cref="FinishReason.Other"/> with the raw value, never Stop.
/// </summary>
internal static class OpenAIFinishReasons
{
    public static FinishReason Read(string raw) => raw switch
    {
        "stop" => FinishReason.Stop,
        "length" => FinishReason.Length,
        "tool_calls" or "function_call" => FinishReason.ToolCalls,
        "content_filter" => FinishReason.ContentFilter,
        _ => FinishReason.Other(raw),
    };

    /// <summary>
    /// The wire word for a canonical reason. Anthropic's stop_sequence/pause_turn are plain stops to an OpenAI client;
    /// its "refusal" stop (a safety classifier intervened) is what OpenAI reports as content_filter.
    /// </summary>
    public static string Write(FinishReason reason, bool legacyFunctionCall)
    {
        if (reason == FinishReason.ToolCalls)
        {
            return legacyFunctionCall ? "function_call" : "tool_calls";
        }
        if (reason == FinishReason.StopSequence || reason == FinishReason.PauseTurn)
        {
            return "stop";
        }
        return reason == FinishReason.Refusal ? "content_filter" : reason.Value;
    }
}
