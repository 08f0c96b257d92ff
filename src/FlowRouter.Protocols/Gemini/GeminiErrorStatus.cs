using FlowRouter.Core.Errors;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// google.rpc status words ⇄ <see cref="ErrorKind"/> and HTTP status (cloud.google.com/apis/design/errors):
/// INVALID_ARGUMENT / FAILED_PRECONDITION / OUT_OF_RANGE 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404,
/// ABORTED / ALREADY_EXISTS 409, RESOURCE_EXHAUSTED 429, CANCELLED 499, INTERNAL / UNKNOWN / DATA_LOSS 500,
/// UNIMPLEMENTED 501, UNAVAILABLE 503, DEADLINE_EXCEEDED 504.
/// </summary>
public static class GeminiErrorStatus
{
    /// <summary>The status word for an error kind.</summary>
    public static string For(ErrorKind kind) => kind switch
    {
        ErrorKind.Authentication => "UNAUTHENTICATED",
        ErrorKind.PermissionDenied => "PERMISSION_DENIED",
        ErrorKind.NotFound => "NOT_FOUND",
        ErrorKind.RateLimited or ErrorKind.QuotaExceeded => "RESOURCE_EXHAUSTED",
        ErrorKind.Overloaded or ErrorKind.UpstreamUnreachable => "UNAVAILABLE",
        ErrorKind.UpstreamTimeout => "DEADLINE_EXCEEDED",
        ErrorKind.NotSupported => "UNIMPLEMENTED",
        ErrorKind.UpstreamError or ErrorKind.Internal => "INTERNAL",
        _ => "INVALID_ARGUMENT", // InvalidRequest, RequestTooLarge, UnsupportedMediaType
    };

    /// <summary>The kind and HTTP status a status word stands for, or null for a word this codec does not know.</summary>
    public static (ErrorKind Kind, int Status)? Parse(string? status) => status switch
    {
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => (ErrorKind.InvalidRequest, 400),
        "UNAUTHENTICATED" => (ErrorKind.Authentication, 401),
        "PERMISSION_DENIED" => (ErrorKind.PermissionDenied, 403),
        "NOT_FOUND" => (ErrorKind.NotFound, 404),
        "ABORTED" or "ALREADY_EXISTS" => (ErrorKind.InvalidRequest, 409),
        "RESOURCE_EXHAUSTED" => (ErrorKind.RateLimited, 429),
        "CANCELLED" => (ErrorKind.UpstreamError, 499),
        "INTERNAL" or "UNKNOWN" or "DATA_LOSS" => (ErrorKind.UpstreamError, 500),
        "UNIMPLEMENTED" => (ErrorKind.NotSupported, 501),
        "UNAVAILABLE" => (ErrorKind.Overloaded, 503),
        "DEADLINE_EXCEEDED" => (ErrorKind.UpstreamTimeout, 504),
        _ => null,
    };

    /// <summary>The kind an HTTP status stands for when the body names no known status word.</summary>
    public static ErrorKind KindForStatus(int status) => status switch
    {
        401 => ErrorKind.Authentication,
        403 => ErrorKind.PermissionDenied,
        404 => ErrorKind.NotFound,
        413 => ErrorKind.RequestTooLarge,
        415 => ErrorKind.UnsupportedMediaType,
        429 => ErrorKind.RateLimited,
        501 => ErrorKind.NotSupported,
        503 => ErrorKind.Overloaded,
        504 => ErrorKind.UpstreamTimeout,
        >= 500 => ErrorKind.UpstreamError,
        _ => ErrorKind.InvalidRequest,
    };
}
