namespace FlowRouter.Providers.Http;

/// <summary>What the attempt loop should do after a failed attempt.</summary>
public enum FailureAction
{
    /// <summary>The provider's fault (rate limit, overload, 5xx, network, timeout, its key or model): try the next target.</summary>
    NextTarget,

    /// <summary>The client's own mistake (bad request): another target would fail the same way, so answer now.</summary>
    FailClient,

    /// <summary>The client went away: stop, and never count it against the provider.</summary>
    ClientGone,
}
