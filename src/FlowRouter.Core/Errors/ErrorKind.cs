namespace FlowRouter.Core.Errors;

/// <summary>
/// What went wrong, independent of wire format. Each protocol's error writer maps a kind to its own error type and
/// HTTP status (e.g. RateLimited → OpenAI "rate_limit_exceeded"/429, Anthropic "rate_limit_error"/429).
/// </summary>
public enum ErrorKind
{
    InvalidRequest,
    Authentication,
    PermissionDenied,
    NotFound,
    RequestTooLarge,
    UnsupportedMediaType,
    RateLimited,
    QuotaExceeded,
    Overloaded,
    NotSupported,

    /// <summary>The upstream answered with a server error.</summary>
    UpstreamError,

    /// <summary>The upstream could not be reached or cut the connection.</summary>
    UpstreamUnreachable,

    /// <summary>The upstream did not answer in time.</summary>
    UpstreamTimeout,

    Internal,
}
