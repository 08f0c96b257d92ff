namespace FlowRouter.Routing.Tiers;

/// <summary>Whether the request asks the model to think, and how hard.</summary>
public enum TierReasoning
{
    /// <summary>No reasoning settings, or explicitly off ("none"/"minimal" effort, thinking disabled, budget 0).</summary>
    None,

    /// <summary>Reasoning at low effort.</summary>
    Low,

    /// <summary>Reasoning on at the default or a higher effort.</summary>
    On,
}
