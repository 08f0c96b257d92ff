using FlowRouter.Core.Config;

namespace FlowRouter.TokenSaving;

/// <summary>
/// The terse-answer instruction of each caveman level. Every level keeps code, paths, commands, identifiers, errors
/// and URLs exact, and security warnings and ordered steps in normal prose. The first words are the marker that
/// stops the instruction from being added again when a client sends it back in a later turn.
/// </summary>
internal static class CavemanInstructions
{
    public const string Marker = "[FlowRouter caveman mode]";

    private const string Exact =
        "Never shorten, paraphrase or alter code, file paths, commands, identifiers, error messages, version numbers or URLs: quote them exactly. " +
        "Security warnings and ordered step-by-step instructions stay in normal, complete sentences.";

    public static string? For(string level) => level switch
    {
        CavemanLevels.Lite => $"{Marker} Answer concisely: no filler, no pleasantries, no restating the question, no closing summary. {Exact}",
        CavemanLevels.Full => $"{Marker} Answer tersely: short sentences or fragments, no filler, no hedging, no pleasantries, no recap of what you did. {Exact}",
        CavemanLevels.Ultra => $"{Marker} Answer in the fewest words that carry the meaning: fragments, arrows and common abbreviations are fine; drop articles, filler and hedging. {Exact}",
        _ => null,
    };
}
