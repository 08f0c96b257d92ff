using FlowRouter.Providers.Catalog;
using FlowRouter.Routing;
using FlowRouter.Routing.Combos;

namespace FlowRouter.Endpoints;

/// <summary>
/// What a request will roughly cost on a target, for cost-optimal ordering: input tokens estimated from the body
/// size (about 4 bytes a token, which is close enough to rank targets) and a typical answer of 1,000 tokens, priced
/// from the model catalog.
/// </summary>
internal static class RequestCost
{
    public const int BytesPerToken = 4;
    public const int TypicalAnswerTokens = 1000;

    public static RequestEstimate EstimateOf(int bodyBytes) => new(bodyBytes / BytesPerToken, TypicalAnswerTokens);

    public static decimal? Estimate(Target target, RequestEstimate estimate) =>
        ModelCatalog.EstimateCost(target.Model, estimate.InputTokens, estimate.OutputTokens);
}
