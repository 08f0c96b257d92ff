namespace FlowRouter.Providers.Http;

/// <summary>An attempt's outcome: an open call to relay, or a failure (never an exception).</summary>
public readonly struct AttemptResult
{
    private AttemptResult(UpstreamCall? call, UpstreamFailure? failure)
    {
        Call = call;
        Failure = failure;
    }

    public UpstreamCall? Call { get; }
    public UpstreamFailure? Failure { get; }

    public static AttemptResult Success(UpstreamCall call) => new(call, null);
    public static AttemptResult Failed(UpstreamFailure failure) => new(null, failure);
}
