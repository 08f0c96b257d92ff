namespace FlowRouter.Routing.Tiers;

/// <summary>
/// The classifier's verdict: the tier, the points that led to it, and a human-readable account of every signal,
/// e.g. "chars=12034(+3) fences=4(+2) tools=17(+2) turns=14(+2) reasoning=none(+0) images=0(+0) -> complex (score 9)".
/// </summary>
public readonly record struct TierDecision(Tier Tier, int Score, string Reasons);
