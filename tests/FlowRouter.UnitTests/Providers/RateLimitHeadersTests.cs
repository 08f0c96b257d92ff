using FlowRouter.Providers.Http;

namespace FlowRouter.UnitTests.Providers;

public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_OpenAIHeaders_ReadsBothBudgetsAndGoDurations()
    {
        var snapshot = Parse(
            ("x-ratelimit-limit-requests", "10000"),
            ("x-ratelimit-remaining-requests", "9999"),
            ("x-ratelimit-reset-requests", "6m0s"),
            ("x-ratelimit-limit-tokens", "30000000"),
            ("x-ratelimit-remaining-tokens", "29999500"),
            ("x-ratelimit-reset-tokens", "20ms"));

        Assert.NotNull(snapshot);
        Assert.Equal(10000, snapshot.RequestsLimit);
        Assert.Equal(9999, snapshot.RequestsRemaining);
        Assert.Equal(Now.AddMinutes(6), snapshot.RequestsReset);
        Assert.Equal(30_000_000, snapshot.TokensLimit);
        Assert.Equal(29_999_500, snapshot.TokensRemaining);
        Assert.Equal(Now.AddMilliseconds(20), snapshot.TokensReset);
        Assert.Null(snapshot.RetryAfter);
        Assert.Equal(Now, snapshot.ObservedAt);
    }

    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("0s", 0)]
    [InlineData("20ms", 20)]
    [InlineData("6m0s", 360_000)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("7.66s", 7_660)]
    [InlineData("2m59.56s", 179_560)]
    [InlineData("1500us", 1.5)]
    [InlineData("3", 3_000)]
    public void Parse_ResetDurations_AddedToNow(string value, double expectedMs) =>
        Assert.Equal(Now.AddMilliseconds(expectedMs), Parse(("x-ratelimit-reset-requests", value))?.RequestsReset);

    [Fact]
    public void Parse_AnthropicHeaders_ReadsRfc3339Resets()
    {
        var snapshot = Parse(
            ("anthropic-ratelimit-requests-limit", "4000"),
            ("anthropic-ratelimit-requests-remaining", "3999"),
            ("anthropic-ratelimit-requests-reset", "2026-03-01T12:00:06Z"),
            ("anthropic-ratelimit-tokens-limit", "400000"),
            ("anthropic-ratelimit-tokens-remaining", "398000"),
            ("anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:01+00:00"),
            ("anthropic-ratelimit-input-tokens-remaining", "1"),
            ("anthropic-ratelimit-input-tokens-limit", "300000"));

        Assert.NotNull(snapshot);
        Assert.Equal(4000, snapshot.RequestsLimit);
        Assert.Equal(3999, snapshot.RequestsRemaining);
        Assert.Equal(Now.AddSeconds(6), snapshot.RequestsReset);
        Assert.Equal(400_000, snapshot.TokensLimit);
        Assert.Equal(398_000, snapshot.TokensRemaining);
        Assert.Equal(Now.AddSeconds(1), snapshot.TokensReset);
    }

    [Fact]
    public void Parse_AnthropicInputAndOutputOnly_TighterOneStandsForTokens()
    {
        var snapshot = Parse(
            ("anthropic-ratelimit-input-tokens-limit", "400000"),
            ("anthropic-ratelimit-input-tokens-remaining", "200000"),
            ("anthropic-ratelimit-input-tokens-reset", "2026-03-01T12:00:30Z"),
            ("anthropic-ratelimit-output-tokens-limit", "80000"),
            ("anthropic-ratelimit-output-tokens-remaining", "8000"),
            ("anthropic-ratelimit-output-tokens-reset", "2026-03-01T12:00:50Z"));

        Assert.NotNull(snapshot);
        Assert.Equal(80_000, snapshot.TokensLimit);
        Assert.Equal(8_000, snapshot.TokensRemaining);
        Assert.Equal(Now.AddSeconds(50), snapshot.TokensReset);
        Assert.Null(snapshot.RequestsLimit);
    }

    [Fact]
    public void Parse_AnthropicInputOnly_IsUsed()
    {
        var snapshot = Parse(
            ("anthropic-ratelimit-input-tokens-limit", "400000"),
            ("anthropic-ratelimit-input-tokens-remaining", "5"));

        Assert.Equal(5, snapshot?.TokensRemaining);
    }

    [Fact]
    public void Parse_IetfSeparateFields_CountRequests()
    {
        var snapshot = Parse(
            ("RateLimit-Limit", "100"),
            ("RateLimit-Remaining", "0"),
            ("RateLimit-Reset", "30"),
            ("RateLimit-Policy", "100;w=60"));

        Assert.NotNull(snapshot);
        Assert.Equal(100, snapshot.RequestsLimit);
        Assert.Equal(0, snapshot.RequestsRemaining);
        Assert.Equal(Now.AddSeconds(30), snapshot.RequestsReset);
        Assert.Null(snapshot.TokensLimit);
    }

    [Fact]
    public void Parse_IetfOlderListForm_TakesTheFirstItem() =>
        Assert.Equal(100, Parse(("RateLimit-Limit", "100, 100;w=60, 1000;w=3600"))?.RequestsLimit);

    [Theory]
    [InlineData("limit=100, remaining=50, reset=30")]
    [InlineData("limit=100; remaining=50; reset=30")]
    [InlineData("\"default\";q=100;r=50;t=30")]
    public void Parse_IetfCombinedField_ReadsEachKey(string value)
    {
        var snapshot = Parse(("RateLimit", value));

        Assert.NotNull(snapshot);
        Assert.Equal(100, snapshot.RequestsLimit);
        Assert.Equal(50, snapshot.RequestsRemaining);
        Assert.Equal(Now.AddSeconds(30), snapshot.RequestsReset);
    }

    [Fact]
    public void Parse_GenericResetAsEpochSeconds_IsAnAbsoluteTime()
    {
        long epoch = Now.AddMinutes(2).ToUnixTimeSeconds();
        var snapshot = Parse(("x-ratelimit-limit", "60"), ("x-ratelimit-remaining", "59"), ("x-ratelimit-reset", epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.NotNull(snapshot);
        Assert.Equal(60, snapshot.RequestsLimit);
        Assert.Equal(59, snapshot.RequestsRemaining);
        Assert.Equal(Now.AddMinutes(2), snapshot.RequestsReset);
    }

    [Fact]
    public void Parse_GenericResetAsDelta_IsAddedToNow() =>
        Assert.Equal(Now.AddSeconds(42), Parse(("x-ratelimit-reset", "42"))?.RequestsReset);

    [Fact]
    public void Parse_RetryAfterSeconds_IsAddedToNow()
    {
        var snapshot = Parse(("Retry-After", "20"));

        Assert.NotNull(snapshot);
        Assert.Equal(Now.AddSeconds(20), snapshot.RetryAfter);
        Assert.Null(snapshot.RequestsLimit);
    }

    [Fact]
    public void Parse_RetryAfterHttpDate_IsAnAbsoluteTime() =>
        Assert.Equal(Now.AddSeconds(90), Parse(("Retry-After", "Sun, 01 Mar 2026 12:01:30 GMT"))?.RetryAfter);

    [Fact]
    public void Parse_RetryAfterMs_IsPreferredForItsPrecision() =>
        Assert.Equal(Now.AddMilliseconds(1500), Parse(("retry-after", "2"), ("retry-after-ms", "1500"))?.RetryAfter);

    [Fact]
    public void Parse_OpenAIFamily_WinsOverGenericAndFillsGapsFromIt()
    {
        var snapshot = Parse(
            ("x-ratelimit-limit-requests", "500"),
            ("x-ratelimit-remaining-requests", "400"),
            ("RateLimit-Limit", "100"),
            ("RateLimit-Reset", "5"));

        Assert.Equal(500, snapshot?.RequestsLimit);
        Assert.Equal(400, snapshot?.RequestsRemaining);
        Assert.Equal(Now.AddSeconds(5), snapshot?.RequestsReset);
    }

    [Fact]
    public void Parse_NoRateLimitHeaders_IsNull() =>
        Assert.Null(Parse(("server", "cloudflare"), ("x-request-id", "req_123")));

    [Theory]
    [InlineData("x-ratelimit-limit-requests", "lots")]
    [InlineData("x-ratelimit-remaining-requests", "-5")]
    [InlineData("x-ratelimit-reset-requests", "6 minutes")]
    [InlineData("x-ratelimit-reset-requests", "1x")]
    [InlineData("x-ratelimit-reset-requests", "s")]
    [InlineData("x-ratelimit-reset-requests", "99999999h")]
    [InlineData("x-ratelimit-reset-tokens", "")]
    [InlineData("anthropic-ratelimit-requests-reset", "not-a-date")]
    [InlineData("anthropic-ratelimit-tokens-limit", "1e400")]
    [InlineData("RateLimit", "garbage;;;==,")]
    [InlineData("RateLimit-Remaining", "NaN")]
    [InlineData("Retry-After", "soon")]
    [InlineData("Retry-After", "-3")]
    [InlineData("retry-after-ms", "Infinity")]
    [InlineData("x-ratelimit-reset", "99999999999999999999")]
    public void Parse_GarbageValue_IsIgnoredWithoutThrowing(string name, string value) =>
        Assert.Null(Parse((name, value)));

    [Fact]
    public void Parse_GarbageBesideGoodValues_KeepsTheGoodOnes()
    {
        var snapshot = Parse(("x-ratelimit-limit-tokens", "abc"), ("x-ratelimit-remaining-tokens", "12"), ("retry-after", "\u00e9t\u00e9"));

        Assert.NotNull(snapshot);
        Assert.Null(snapshot.TokensLimit);
        Assert.Equal(12, snapshot.TokensRemaining);
        Assert.Null(snapshot.RetryAfter);
    }

    [Fact]
    public void NearlyExhausted_RemainingAtOrBelowFraction_WithFutureReset_IsTrue()
    {
        var snapshot = Snapshot(requestsLimit: 1000, requestsRemaining: 20, requestsReset: Now.AddSeconds(10));

        Assert.True(snapshot.NearlyExhausted(Now));
        Assert.Equal(Now.AddSeconds(10), snapshot.BlockedUntil(Now));
        Assert.False(snapshot.NearlyExhausted(Now, fraction: 0.01));
        Assert.False(snapshot.NearlyExhausted(Now.AddSeconds(10)));
    }

    [Fact]
    public void NearlyExhausted_SmallLimit_UsesAtLeastOne()
    {
        Assert.True(Snapshot(tokensLimit: 10, tokensRemaining: 1, tokensReset: Now.AddSeconds(1)).NearlyExhausted(Now));
        Assert.False(Snapshot(tokensLimit: 10, tokensRemaining: 2, tokensReset: Now.AddSeconds(1)).NearlyExhausted(Now));
        Assert.True(Snapshot(tokensRemaining: 0, tokensReset: Now.AddSeconds(1)).NearlyExhausted(Now));
    }

    [Fact]
    public void NearlyExhausted_ResetUnknownOrPast_IsFalse()
    {
        Assert.False(Snapshot(requestsLimit: 100, requestsRemaining: 0).NearlyExhausted(Now));
        Assert.False(Snapshot(requestsLimit: 100, requestsRemaining: 0, requestsReset: Now.AddSeconds(-1)).NearlyExhausted(Now));
    }

    [Fact]
    public void BlockedUntil_SeveralReasons_TakesTheLatest()
    {
        var snapshot = Snapshot(
            requestsLimit: 100, requestsRemaining: 0, requestsReset: Now.AddSeconds(5),
            tokensLimit: 1000, tokensRemaining: 3, tokensReset: Now.AddSeconds(40),
            retryAfter: Now.AddSeconds(20));

        Assert.Equal(Now.AddSeconds(40), snapshot.BlockedUntil(Now));
    }

    [Fact]
    public void BlockedUntil_FutureRetryAfterAlone_Blocks()
    {
        Assert.Equal(Now.AddSeconds(3), Snapshot(retryAfter: Now.AddSeconds(3)).BlockedUntil(Now));
        Assert.Null(Snapshot(requestsLimit: 100, requestsRemaining: 50, requestsReset: Now.AddSeconds(5)).BlockedUntil(Now));
    }

    private static RateLimitSnapshot? Parse(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            Assert.True(response.Headers.TryAddWithoutValidation(name, value), name);
        }
        return RateLimitHeaders.Parse(response.Headers, Now);
    }

    private static RateLimitSnapshot Snapshot(
        long? requestsLimit = null, long? requestsRemaining = null, DateTimeOffset? requestsReset = null,
        long? tokensLimit = null, long? tokensRemaining = null, DateTimeOffset? tokensReset = null,
        DateTimeOffset? retryAfter = null) =>
        new(requestsLimit, requestsRemaining, requestsReset, tokensLimit, tokensRemaining, tokensReset, retryAfter, Now);
}
