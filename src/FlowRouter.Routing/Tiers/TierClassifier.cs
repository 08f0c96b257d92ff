using System.Globalization;

namespace FlowRouter.Routing.Tiers;

/// <summary>
/// Sorts a request into a cost tier from its raw body (any client protocol), for clients that ask for a tier alias
/// such as "auto". Deterministic and transparent: a fixed points table, every signal echoed in
/// <see cref="TierDecision.Reasons"/>.
/// <para>Points (signals: see <see cref="TierSignals"/>):</para>
/// <list type="table">
/// <listheader><term>signal</term><description>points</description></listheader>
/// <item><term>chars</term><description>&lt; 2,000: 0 · &lt; 8,000: +1 · &lt; 32,000: +2 · &lt; 128,000: +3 · more: +4</description></item>
/// <item><term>code fences (```)</term><description>0–1: 0 · 2–3 (one block): +1 · 4 or more: +2</description></item>
/// <item><term>tools declared</term><description>0: 0 · 1–4: +1 · 5 or more: +2</description></item>
/// <item><term>turns</term><description>1–2: 0 · 3–10: +1 · 11 or more: +2</description></item>
/// <item><term>reasoning requested</term><description>none: 0 · low effort: +1 · on: +2</description></item>
/// <item><term>images / media parts</term><description>0: 0 · any: +1</description></item>
/// </list>
/// <para>Score ≤ <see cref="SimpleMaxScore"/>: Simple · ≤ <see cref="MediumMaxScore"/>: Medium · above: Complex.
/// A one-line question scores 0; an agent session with a long system prompt, a dozen tools and a long history
/// scores 7 or more.</para>
/// </summary>
public static class TierClassifier
{
    /// <summary>Highest score that is still <see cref="Tier.Simple"/>: one weak signal alone does not lift a request.</summary>
    public const int SimpleMaxScore = 1;

    /// <summary>Highest score that is still <see cref="Tier.Medium"/>.</summary>
    public const int MediumMaxScore = 4;

    public const int CharsStep1 = 2_000;
    public const int CharsStep2 = 8_000;
    public const int CharsStep3 = 32_000;
    public const int CharsStep4 = 128_000;
    public const int FencesForOneBlock = 2;
    public const int FencesForSeveralBlocks = 4;
    public const int ToolsForMany = 5;
    public const int TurnsForConversation = 3;
    public const int TurnsForLongConversation = 11;

    /// <summary>Measures the body and scores it.</summary>
    public static TierDecision Classify(ReadOnlySpan<byte> requestBody) => Score(Measure(requestBody));

    /// <summary>The raw signals of a body, in one pass without building a DOM. Never throws on bad JSON.</summary>
    public static TierSignals Measure(ReadOnlySpan<byte> requestBody) => TierSignalReader.Read(requestBody);

    /// <summary>Applies the points table.</summary>
    public static TierDecision Score(TierSignals signals)
    {
        int chars = signals.Chars switch
        {
            < CharsStep1 => 0,
            < CharsStep2 => 1,
            < CharsStep3 => 2,
            < CharsStep4 => 3,
            _ => 4,
        };
        int fences = signals.Fences >= FencesForSeveralBlocks ? 2 : signals.Fences >= FencesForOneBlock ? 1 : 0;
        int tools = signals.Tools >= ToolsForMany ? 2 : signals.Tools > 0 ? 1 : 0;
        int turns = signals.Turns >= TurnsForLongConversation ? 2 : signals.Turns >= TurnsForConversation ? 1 : 0;
        int reasoning = signals.Reasoning switch
        {
            TierReasoning.On => 2,
            TierReasoning.Low => 1,
            _ => 0,
        };
        int images = signals.Images > 0 ? 1 : 0;
        int score = chars + fences + tools + turns + reasoning + images;
        var tier = score <= SimpleMaxScore ? Tier.Simple : score <= MediumMaxScore ? Tier.Medium : Tier.Complex;

        var inv = CultureInfo.InvariantCulture;
        string reasons = string.Create(inv,
            $"chars={signals.Chars}(+{chars}) fences={signals.Fences}(+{fences}) tools={signals.Tools}(+{tools}) turns={signals.Turns}(+{turns}) reasoning={Name(signals.Reasoning)}(+{reasoning}) images={signals.Images}(+{images}){(signals.Malformed ? " malformed-json" : "")} -> {Name(tier)} (score {score})");
        return new TierDecision(tier, score, reasons);
    }

    private static string Name(TierReasoning reasoning) => reasoning switch
    {
        TierReasoning.On => "on",
        TierReasoning.Low => "low",
        _ => "none",
    };

    private static string Name(Tier tier) => tier switch
    {
        Tier.Simple => "simple",
        Tier.Medium => "medium",
        _ => "complex",
    };
}
