using System.Net.Http.Headers;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Reads the rate-limit headers of an upstream answer into a <see cref="RateLimitSnapshot"/>. Families, first one
/// found wins per figure:
/// <list type="bullet">
/// <item>OpenAI (also Groq, DeepSeek, xAI and most OpenAI-compatible vendors): <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c>,
/// resets as Go durations ("6m0s", "20ms"; platform.openai.com/docs/guides/rate-limits).</item>
/// <item>Anthropic: <c>anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}</c>, resets as
/// RFC 3339 times (docs.claude.com/en/api/rate-limits). Without the combined tokens family, the tighter of input and
/// output (lower remaining share) stands for Tokens*.</item>
/// <item>IETF draft (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>,
/// <c>RateLimit-Reset</c> (delay in seconds) and the combined <c>RateLimit: limit=…, remaining=…, reset=…</c> (also
/// the later <c>r=</c>/<c>t=</c> form); <c>RateLimit-Policy</c> is ignored. These count requests.</item>
/// <item>Generic <c>x-ratelimit-limit</c>, <c>x-ratelimit-remaining</c>, <c>x-ratelimit-reset</c> (delay in seconds, or
/// Unix seconds when at least 1e9), counted as requests.</item>
/// <item><c>retry-after-ms</c> (OpenAI, more precise, preferred) and <c>Retry-After</c> (seconds or HTTP date).</item>
/// </list>
/// Values are read without header validation; garbage is ignored, never thrown.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>The snapshot, or null when no rate-limit figure could be read.</summary>
    public static RateLimitSnapshot? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var raw = headers.NonValidated;
        string? Get(string name) => raw.TryGetValues(name, out var values) ? First(values) : null;

        var requests = Bucket.Read(Get, "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests", now)
            .Or(Bucket.Read(Get, "anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-requests-reset", now))
            .Or(Bucket.Read(Get, "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", now))
            .Or(Combined(Get("ratelimit"), now))
            .Or(Bucket.Read(Get, "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", now));
        var tokens = Bucket.Read(Get, "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", now)
            .Or(Bucket.Read(Get, "anthropic-ratelimit-tokens-limit", "anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-tokens-reset", now))
            .Or(Bucket.Tighter(
                Bucket.Read(Get, "anthropic-ratelimit-input-tokens-limit", "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-input-tokens-reset", now),
                Bucket.Read(Get, "anthropic-ratelimit-output-tokens-limit", "anthropic-ratelimit-output-tokens-remaining", "anthropic-ratelimit-output-tokens-reset", now)));
        var retryAfter = RateLimitValues.RetryAfterMilliseconds(Get("retry-after-ms"), now)
            ?? RateLimitValues.RetryAfter(Get("retry-after"), now);

        if (requests.IsEmpty && tokens.IsEmpty && retryAfter is null)
        {
            return null;
        }
        return new RateLimitSnapshot(
            requests.Limit, requests.Remaining, requests.Reset,
            tokens.Limit, tokens.Remaining, tokens.Reset,
            retryAfter, now);
    }

    /// <summary>The IETF combined field: "limit=100, remaining=50, reset=30" or "\"default\";r=50;t=30".</summary>
    private static Bucket Combined(string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return default;
        }
        string? limit = null, remaining = null, reset = null;
        foreach (var item in value.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            string key = item[..eq].Trim().ToLowerInvariant();
            string number = item[(eq + 1)..].Trim().Trim('"');
            switch (key)
            {
                case "limit" or "q": limit ??= number; break;
                case "remaining" or "r": remaining ??= number; break;
                case "reset" or "t": reset ??= number; break;
            }
        }
        return new Bucket(RateLimitValues.Count(limit), RateLimitValues.Count(remaining), RateLimitValues.Reset(reset, now));
    }

    private static string? First(HeaderStringValues values)
    {
        foreach (string value in values)
        {
            return value;
        }
        return null;
    }

    /// <summary>One budget's three figures while they are being gathered.</summary>
    private readonly record struct Bucket(long? Limit, long? Remaining, DateTimeOffset? Reset)
    {
        public bool IsEmpty => Limit is null && Remaining is null && Reset is null;

        public static Bucket Read(Func<string, string?> get, string limit, string remaining, string reset, DateTimeOffset now) =>
            new(RateLimitValues.Count(get(limit)), RateLimitValues.Count(get(remaining)), RateLimitValues.Reset(get(reset), now));

        /// <summary>Fills each unknown figure from <paramref name="other"/>, a family read later.</summary>
        public Bucket Or(Bucket other) => new(Limit ?? other.Limit, Remaining ?? other.Remaining, Reset ?? other.Reset);

        /// <summary>The budget closer to running out: lower remaining share, else lower remaining count.</summary>
        public static Bucket Tighter(Bucket a, Bucket b)
        {
            if (a.Remaining is null || b.Remaining is null)
            {
                return a.Remaining is null && !b.IsEmpty ? b : a;
            }
            if (a.Limit is > 0 && b.Limit is > 0)
            {
                return (double)b.Remaining.Value / b.Limit.Value < (double)a.Remaining.Value / a.Limit.Value ? b : a;
            }
            return b.Remaining < a.Remaining ? b : a;
        }
    }
}
