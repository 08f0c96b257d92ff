using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// finishReason ⇄ <see cref="FinishReason"/>. Read:
/// <list type="bullet">
/// <item>STOP → Stop, but ToolCalls when the candidate holds functionCall parts (Gemini says STOP after a tool call);</item>
/// <item>MAX_TOKENS → Length;</item>
/// <item>SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_SAFETY, IMAGE_PROHIBITED_CONTENT,
/// IMAGE_RECITATION → ContentFilter (a filter stopped the answer);</item>
/// <item>MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, MISSING_THOUGHT_SIGNATURE → Error (the
/// model's output could not be used);</item>
/// <item>OTHER, LANGUAGE, NO_IMAGE, FINISH_REASON_UNSPECIFIED and any unknown word → Other(raw), never Stop.</item>
/// </list>
/// Readers keep the raw word beside the canonical one when it is not the word <see cref="Write"/> gives back, so a
/// same-protocol write says RECITATION again rather than SAFETY.
/// </summary>
public static class GeminiFinishReasons
{
    public static FinishReason Read(string raw, bool hasFunctionCalls)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return raw switch
        {
            "STOP" => hasFunctionCalls ? FinishReason.ToolCalls : FinishReason.Stop,
            "MAX_TOKENS" => FinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII"
                or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" => FinishReason.ContentFilter,
            "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS" or "MISSING_THOUGHT_SIGNATURE" => FinishReason.Error,
            _ => FinishReason.Other(raw),
        };
    }

    /// <summary>
    /// The wire word for a canonical reason: Stop, ToolCalls, StopSequence and PauseTurn → STOP; Length → MAX_TOKENS;
    /// ContentFilter and Refusal → SAFETY; Error → OTHER; an Other value that is an upper-case Gemini-style word is
    /// kept, anything else → OTHER (Google's SDKs parse finishReason as an enum). <paramref name="rawWord"/>, Gemini's
    /// own word, wins while it still reads as <paramref name="reason"/>.
    /// </summary>
    public static string Write(FinishReason reason, string? rawWord = null, bool hasFunctionCalls = false)
    {
        if (rawWord is not null && Read(rawWord, hasFunctionCalls) == reason)
        {
            return rawWord;
        }
        if (reason == FinishReason.Stop || reason == FinishReason.ToolCalls || reason == FinishReason.StopSequence || reason == FinishReason.PauseTurn)
        {
            return "STOP";
        }
        if (reason == FinishReason.Length)
        {
            return "MAX_TOKENS";
        }
        if (reason == FinishReason.ContentFilter || reason == FinishReason.Refusal)
        {
            return "SAFETY";
        }
        return !reason.IsWellKnown && IsGeminiWord(reason.Value) ? reason.Value : "OTHER";
    }

    private static bool IsGeminiWord(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterUpper(c) || c == '_');
}
