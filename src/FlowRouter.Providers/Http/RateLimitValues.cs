using System.Globalization;

namespace FlowRouter.Providers.Http;

/// <summary>
/// Lenient readers for rate-limit header values. Every method returns null for a value it does not understand and
/// never throws: a vendor's odd header must not fail a request.
/// </summary>
internal static class RateLimitValues
{
    /// <summary>Plain numbers this large are Unix times (2001-09-09 onwards), smaller ones are delays in seconds.</summary>
    private const double EpochThresholdSeconds = 1_000_000_000;

    /// <summary>No rate-limit window is longer than this; a larger value is garbage.</summary>
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(366);

    /// <summary>A count ("100", "99.0", "100, 100;w=60" takes the first item); null when negative or not a number.</summary>
    public static long? Count(string? value)
    {
        var item = FirstItem(value);
        if (long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out long whole))
        {
            return whole;
        }
        return double.TryParse(item, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double d) && d <= long.MaxValue
            ? (long)Math.Floor(d)
            : null;
    }

    /// <summary>
    /// A reset time given as a Go duration ("6m0s", "20ms", "1h2m3.5s": OpenAI, Groq), as a plain number (delay in
    /// seconds, or Unix seconds when at least 1e9), or as a timestamp (RFC 3339: Anthropic; HTTP date).
    /// </summary>
    public static DateTimeOffset? Reset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var item = FirstItem(value);
        if (double.TryParse(item, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds))
        {
            return seconds >= EpochThresholdSeconds ? FromUnixSeconds(seconds) : After(now, seconds * 1000);
        }
        if (GoDuration(item) is { } duration)
        {
            return now + duration;
        }
        return Timestamp(value);
    }

    /// <summary>Retry-After: delay in seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
    public static DateTimeOffset? RetryAfter(string? value, DateTimeOffset now)
    {
        var item = value.AsSpan().Trim();
        return double.TryParse(item, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            ? After(now, seconds * 1000)
            : Timestamp(value);
    }

    /// <summary>retry-after-ms (OpenAI): delay in milliseconds.</summary>
    public static DateTimeOffset? RetryAfterMilliseconds(string? value, DateTimeOffset now) =>
        double.TryParse(value.AsSpan().Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double ms)
            ? After(now, ms)
            : null;

    /// <summary>
    /// A Go <c>time.Duration</c> string: one or more decimal numbers each followed by a unit (h, m, s, ms, us, µs, ns),
    /// e.g. "1s", "6m0s", "0.5s", "1h2m3.5s". Null for anything else.
    /// </summary>
    public static TimeSpan? GoDuration(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }
        double totalMs = 0;
        while (!text.IsEmpty)
        {
            int numberEnd = 0;
            while (numberEnd < text.Length && (char.IsAsciiDigit(text[numberEnd]) || text[numberEnd] == '.'))
            {
                numberEnd++;
            }
            if (numberEnd == 0 || !double.TryParse(text[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return null;
            }
            text = text[numberEnd..];
            int unitEnd = 0;
            while (unitEnd < text.Length && !char.IsAsciiDigit(text[unitEnd]) && text[unitEnd] != '.')
            {
                unitEnd++;
            }
            double? unitMs = text[..unitEnd] switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" or "μs" => 0.001,
                "ns" => 0.000_001,
                _ => null,
            };
            if (unitMs is null)
            {
                return null;
            }
            totalMs += number * unitMs.Value;
            text = text[unitEnd..];
        }
        return totalMs <= LongestDelay.TotalMilliseconds ? TimeSpan.FromMilliseconds(totalMs) : null;
    }

    private static DateTimeOffset? Timestamp(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at)
            ? at
            : null;

    private static DateTimeOffset? After(DateTimeOffset now, double milliseconds) =>
        milliseconds >= 0 && milliseconds <= LongestDelay.TotalMilliseconds ? now.AddMilliseconds(milliseconds) : null;

    private static DateTimeOffset? FromUnixSeconds(double seconds) =>
        seconds < 253_402_300_799 ? DateTimeOffset.UnixEpoch.AddSeconds(seconds) : null;

    private static ReadOnlySpan<char> FirstItem(string? value)
    {
        var span = value.AsSpan();
        int cut = span.IndexOfAny(',', ';');
        return (cut >= 0 ? span[..cut] : span).Trim();
    }
}
