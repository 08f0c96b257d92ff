using FlowRouter.Core.Config;
using FlowRouter.Routing.Tiers;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// Cost-tier routing (opt-in, routing.tiers): a client asking for the tier alias (e.g. "auto") gets the combo or
/// model configured for its request's complexity, as <see cref="TierClassifier"/> scores the raw body; any other
/// model is honoured as asked. The decision and its reasons are in the x-flowrouter-tier header.
/// </summary>
internal static class TierRouting
{
    public static string Address(TiersConfig? tiers, string requested, ReadOnlySpan<byte> body, HttpResponse response)
    {
        if (tiers is null || !string.Equals(requested, tiers.Alias, StringComparison.Ordinal))
        {
            return requested;
        }
        var decision = TierClassifier.Classify(body);
        response.Headers["x-flowrouter-tier"] = decision.Reasons;
        return decision.Tier switch
        {
            Tier.Simple => tiers.Simple,
            Tier.Medium => tiers.Medium,
            _ => tiers.Complex,
        };
    }
}
