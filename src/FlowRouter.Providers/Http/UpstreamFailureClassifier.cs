using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Maps an upstream's error answer (read by OpenAIErrorReader, which also understands Anthropic and Gemini error bodies) to a failure: the client keeps seeing the upstream's status and words (masked),
/// prefixed with the provider id so it knows who said it.
/// </summary>
public static class UpstreamFailureClassifier
{
    public static UpstreamFailure FromStatus(ProviderRuntime provider, int status, ReadOnlySpan<byte> body, HttpResponseHeaders? headers)
    {
        if (provider.Type == ProviderType.Gemini)
        {
            return FromGemini(provider, status, body, headers);
        }
        var parsed = OpenAIErrorReader.Read(body);
        var (kind, action) = Classify(status, parsed);
        string message = SecretMasker.Mask($"{provider.Id}: {(parsed.Message.Length > 0 ? parsed.Message : "HTTP " + status)}", provider.Config.ApiKeys);
        var error = new GatewayError(kind, status, message)
        {
            Type = parsed.Type,
            Code = parsed.Code,
            Param = parsed.Param,
            RetryAfterSeconds = RetryAfterSeconds(headers),
        };
        return new UpstreamFailure(action, error) { UpstreamStatus = status };
    }

    /// <summary>
    /// Gemini's errors say more in their status word and details than in the HTTP status: an invalid key is a 400
    /// with reason API_KEY_INVALID (the key's fault, not the request's: the next target is tried), and
    /// RESOURCE_EXHAUSTED is a rate limit, or a quota when a per-day QuotaFailure is named (GeminiErrorReader).
    /// </summary>
    private static UpstreamFailure FromGemini(ProviderRuntime provider, int status, ReadOnlySpan<byte> body, HttpResponseHeaders? headers)
    {
        var parsed = GeminiErrorReader.Read(body, status);
        var (kind, action) = parsed.Kind switch
        {
            ErrorKind.Authentication or ErrorKind.PermissionDenied or ErrorKind.RateLimited or ErrorKind.QuotaExceeded => (parsed.Kind, FailureAction.NextTarget),
            _ => Classify(status, new OpenAIErrorInfo(parsed.Message, null, null, null)),
        };
        string message = SecretMasker.Mask($"{provider.Id}: {(parsed.Message.Length > 0 ? parsed.Message : "HTTP " + status)}", provider.Config.ApiKeys);
        var error = new GatewayError(kind, status, message)
        {
            Type = parsed.Type,
            Code = parsed.Code,
            RetryAfterSeconds = RetryAfterSeconds(headers) ?? parsed.RetryAfterSeconds,
        };
        return new UpstreamFailure(action, error) { UpstreamStatus = status };
    }

    /// <summary>
    /// A 2xx whose body is an error object (OpenRouter and other compatible servers send {"error":{"code":429,…}}
    /// with 200; a Responses object can say "failed"): classified as the same error with the status it names, so the
    /// same failure rule and cooldown apply, and shown to the client as a 502 (the upstream's answer was not one).
    /// </summary>
    public static UpstreamFailure FromErrorAnswer(ProviderRuntime provider, int status, ReadOnlySpan<byte> body, HttpResponseHeaders? headers)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var failure = FromStatus(provider, EmbeddedStatus(body), body, headers);
        return failure with
        {
            Error = failure.Error with { Status = (int)HttpStatusCode.BadGateway, Message = $"{failure.Error.Message} (an error inside an HTTP {status} answer)" },
        };
    }

    /// <summary>
    /// A 2xx that is not an answer (not JSON, empty, cut short, too deep, too large): a 502, and a failure of the
    /// target counted as a 5xx is (same failure rule, same cooldown), so the attempt loop tries the next one.
    /// </summary>
    public static UpstreamFailure BadAnswer(ProviderRuntime provider, string detail)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var error = new GatewayError(ErrorKind.UpstreamError, (int)HttpStatusCode.BadGateway,
            SecretMasker.Mask($"{provider.Id}: {detail}", provider.Config.ApiKeys))
        {
            Code = "upstream_answer_malformed",
        };
        return new UpstreamFailure(FailureAction.NextTarget, error) { UpstreamStatus = (int)HttpStatusCode.BadGateway };
    }

    /// <summary>
    /// The HTTP status an error object stands for: its numeric code (Google, OpenRouter), its status word (Gemini),
    /// its type (Anthropic) or a well-known OpenAI code; 502 when it names none.
    /// </summary>
    internal static int EmbeddedStatus(ReadOnlySpan<byte> body)
    {
        var info = OpenAIErrorReader.Read(body);
        if (int.TryParse(info.Code, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code is >= 400 and <= 599)
        {
            return code;
        }
        return GeminiErrorStatus.Parse(info.Type)?.Status
            ?? AnthropicErrorTypes.Parse(info.Type)?.Status
            ?? OpenAIStatus(info.Code) ?? OpenAIStatus(info.Type)
            ?? (int)HttpStatusCode.BadGateway;
    }

    private static int? OpenAIStatus(string? word) => word switch
    {
        "rate_limit_exceeded" or "insufficient_quota" or "requests" or "tokens" => 429,
        "invalid_api_key" => 401,
        "model_not_found" => 404,
        "invalid_request_error" or "context_length_exceeded" => 400,
        "server_error" => 500,
        _ => null,
    };

    public static UpstreamFailure Unreachable(ProviderRuntime provider, string detail) =>
        new(FailureAction.NextTarget, new GatewayError(
            ErrorKind.UpstreamUnreachable, (int)HttpStatusCode.BadGateway,
            SecretMasker.Mask($"{provider.Id}: {detail}", provider.Config.ApiKeys)));

    public static UpstreamFailure TimedOut(ProviderRuntime provider, string phase, TimeSpan limit) =>
        new(FailureAction.NextTarget, new GatewayError(
            ErrorKind.UpstreamTimeout, (int)HttpStatusCode.GatewayTimeout,
            $"{provider.Id}: no answer within {limit.TotalSeconds:0.###} s ({phase} timeout)"));

    public static readonly UpstreamFailure ClientGone =
        new(FailureAction.ClientGone, new GatewayError(ErrorKind.InvalidRequest, 499, "client closed the request"));

    private static (ErrorKind Kind, FailureAction Action) Classify(int status, OpenAIErrorInfo body) => status switch
    {
        401 => (ErrorKind.Authentication, FailureAction.NextTarget),
        402 => (ErrorKind.QuotaExceeded, FailureAction.NextTarget),
        403 => (ErrorKind.PermissionDenied, FailureAction.NextTarget),
        404 => (ErrorKind.NotFound, FailureAction.NextTarget),
        408 => (ErrorKind.UpstreamTimeout, FailureAction.NextTarget),
        413 => (ErrorKind.RequestTooLarge, FailureAction.FailClient),
        429 when IsQuota(body) => (ErrorKind.QuotaExceeded, FailureAction.NextTarget),
        429 => (ErrorKind.RateLimited, FailureAction.NextTarget),
        529 => (ErrorKind.Overloaded, FailureAction.NextTarget),
        >= 500 => (ErrorKind.UpstreamError, FailureAction.NextTarget),
        _ => (ErrorKind.InvalidRequest, FailureAction.FailClient),
    };

    private static bool IsQuota(OpenAIErrorInfo body) =>
        body.Code == "insufficient_quota" || body.Type == "insufficient_quota" ||
        body.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);

    private static int? RetryAfterSeconds(HttpResponseHeaders? headers)
    {
        var retryAfter = headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return (int)Math.Ceiling(delta.TotalSeconds);
        }
        if (retryAfter?.Date is { } date)
        {
            return Math.Max(0, (int)Math.Ceiling((date - DateTimeOffset.UtcNow).TotalSeconds));
        }
        return null;
    }
}
