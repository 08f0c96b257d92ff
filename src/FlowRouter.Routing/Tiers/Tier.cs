namespace FlowRouter.Routing.Tiers;

/// <summary>How demanding a request looks, for cost-tier routing: each tier maps to a configured combo.</summary>
public enum Tier
{
    Simple,
    Medium,
    Complex,
}
