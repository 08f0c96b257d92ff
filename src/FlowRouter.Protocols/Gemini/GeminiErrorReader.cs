using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Reads a Gemini error body — {"error":{"code","message","status","details":[…]}}, also wrapped in an array as
/// streamGenerateContent sends it — into a <see cref="GatewayError"/> the failure classifier and the error writers
/// use: Type is the status word (INVALID_ARGUMENT…), Code the first ErrorInfo reason (API_KEY_INVALID…),
/// RetryAfterSeconds the RetryInfo retryDelay ("37s", rounded up). The kind follows the status word, with two
/// refinements from the details: an API-key reason (API_KEY_INVALID, API_KEY_EXPIRED…) is Authentication although
/// Gemini answers it with 400, and RESOURCE_EXHAUSTED whose QuotaFailure names a per-day quota is QuotaExceeded
/// (waiting a minute will not help) rather than RateLimited. A body that is not Gemini's shape still yields an error
/// carrying its text.
/// </summary>
public static class GeminiErrorReader
{
    private const int MaxTextMessageChars = 1000;

    public static GatewayError Read(ReadOnlySpan<byte> body, int status)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    return Read(document.RootElement, status);
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: fall through to the text
        }
        string text = Encoding.UTF8.GetString(body).Trim();
        return new GatewayError(GeminiErrorStatus.KindForStatus(status), status, text.Length == 0 ? "The upstream returned an empty error body." : Truncate(text));
    }

    public static GatewayError Read(JsonElement root, int status)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
        string? word = GeminiJson.TryString(error, "status");
        string message = GeminiJson.TryString(error, "message") ?? Truncate(root.GetRawText());
        int code = status > 0 ? status
            : error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.TryGetInt32(out int parsedCode) ? parsedCode
            : GeminiErrorStatus.Parse(word)?.Status ?? 500;
        var details = Details(error);
        var kind = GeminiErrorStatus.Parse(word)?.Kind ?? GeminiErrorStatus.KindForStatus(code);
        if (details.Reason is { } reason && reason.StartsWith("API_KEY_", StringComparison.Ordinal))
        {
            kind = ErrorKind.Authentication;
        }
        else if (kind == ErrorKind.RateLimited && details.PerDayQuota)
        {
            kind = ErrorKind.QuotaExceeded;
        }
        return new GatewayError(kind, code, message)
        {
            Type = word,
            Code = details.Reason,
            RetryAfterSeconds = details.RetryAfter,
        };
    }

    /// <summary>An error object inside a stream: its own status word and code decide the kind and status.</summary>
    internal static StreamError ToStreamError(JsonElement root) => new(Read(root, 0));

    private readonly record struct ErrorDetails(string? Reason, int? RetryAfter, bool PerDayQuota);

    private static ErrorDetails Details(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return default;
        }
        string? reason = null;
        int? retry = null;
        bool perDay = false;
        foreach (var detail in details.EnumerateArray())
        {
            string? type = GeminiJson.TryString(detail, "@type");
            if (type is null)
            {
                continue;
            }
            if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
            {
                reason ??= GeminiJson.TryString(detail, "reason");
            }
            else if (type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal))
            {
                retry ??= Seconds(GeminiJson.TryString(detail, "retryDelay"));
            }
            else if (type.EndsWith("google.rpc.QuotaFailure", StringComparison.Ordinal) && detail.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array)
            {
                perDay |= violations.EnumerateArray().Any(v => (GeminiJson.TryString(v, "quotaId") ?? "").Contains("PerDay", StringComparison.Ordinal));
            }
        }
        return new ErrorDetails(reason, retry, perDay);
    }

    /// <summary>A protobuf Duration ("37s", "1.5s") in whole seconds, rounded up.</summary>
    internal static int? Seconds(string? duration)
    {
        if (duration is null || !duration.EndsWith('s')
            || !double.TryParse(duration.AsSpan(0, duration.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
        {
            return null;
        }
        return (int)Math.Ceiling(seconds);
    }

    private static string Truncate(string text) =>
        text.Length <= MaxTextMessageChars ? text : string.Concat(text.AsSpan(0, MaxTextMessageChars), "…");
}
