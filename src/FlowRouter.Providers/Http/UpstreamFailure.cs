using FlowRouter.Core.Errors;

namespace FlowRouter.Providers.Http;

/// <summary>Why an attempt failed, what to do next, and the error a client would see.</summary>
public sealed record UpstreamFailure(FailureAction Action, GatewayError Error)
{
    /// <summary>The upstream's HTTP status when it answered, else null (network error, timeout).</summary>
    public int? UpstreamStatus { get; init; }

    /// <summary>The key's rate-limit figures from the failed answer's headers, when it sent any.</summary>
    public RateLimitSnapshot? RateLimit { get; init; }
}
