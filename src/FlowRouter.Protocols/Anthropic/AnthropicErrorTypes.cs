using FlowRouter.Core.Errors;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Anthropic's error types and the HTTP status each comes with (docs.anthropic.com/en/api/errors):
/// invalid_request_error 400, authentication_error 401, billing_error 402, permission_error 403, not_found_error 404,
/// request_too_large 413, rate_limit_error 429, api_error 500, timeout_error 504, overloaded_error 529.
/// </summary>
public static class AnthropicErrorTypes
{
    public static string For(ErrorKind kind) => kind switch
    {
        ErrorKind.Authentication => "authentication_error",
        ErrorKind.PermissionDenied => "permission_error",
        ErrorKind.NotFound => "not_found_error",
        ErrorKind.RequestTooLarge => "request_too_large",
        ErrorKind.RateLimited => "rate_limit_error",
        ErrorKind.QuotaExceeded => "billing_error",
        ErrorKind.Overloaded => "overloaded_error",
        ErrorKind.UpstreamTimeout => "timeout_error",
        ErrorKind.UpstreamError or ErrorKind.UpstreamUnreachable or ErrorKind.Internal => "api_error",
        _ => "invalid_request_error", // InvalidRequest, UnsupportedMediaType, NotSupported
    };

    /// <summary>The kind and status an Anthropic error type stands for, or null for a type this codec does not know.</summary>
    public static (ErrorKind Kind, int Status)? Parse(string? type) => type switch
    {
        "invalid_request_error" => (ErrorKind.InvalidRequest, 400),
        "authentication_error" => (ErrorKind.Authentication, 401),
        "billing_error" => (ErrorKind.QuotaExceeded, 402),
        "permission_error" => (ErrorKind.PermissionDenied, 403),
        "not_found_error" => (ErrorKind.NotFound, 404),
        "request_too_large" => (ErrorKind.RequestTooLarge, 413),
        "rate_limit_error" => (ErrorKind.RateLimited, 429),
        "api_error" => (ErrorKind.UpstreamError, 500),
        "timeout_error" => (ErrorKind.UpstreamTimeout, 504),
        "overloaded_error" => (ErrorKind.Overloaded, 529),
        _ => null,
    };

    /// <summary>The kind an HTTP status stands for when the body names no known type.</summary>
    public static ErrorKind KindForStatus(int status) => status switch
    {
        400 => ErrorKind.InvalidRequest,
        401 => ErrorKind.Authentication,
        402 => ErrorKind.QuotaExceeded,
        403 => ErrorKind.PermissionDenied,
        404 => ErrorKind.NotFound,
        413 => ErrorKind.RequestTooLarge,
        415 => ErrorKind.UnsupportedMediaType,
        429 => ErrorKind.RateLimited,
        504 => ErrorKind.UpstreamTimeout,
        529 or 503 => ErrorKind.Overloaded,
        >= 500 => ErrorKind.UpstreamError,
        _ => ErrorKind.InvalidRequest,
    };
}
