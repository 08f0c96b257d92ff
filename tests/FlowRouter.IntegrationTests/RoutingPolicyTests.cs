using System.Globalization;
using System.Net;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Routing as a client sees it: key rotation, rests between requests, explainability headers, the attempt log, tier routing.</summary>
public sealed class RoutingPolicyTests
{
    private const string Config = """
        providers:
          - id: alpha
            type: openai
            base_url: {upstream}
            api_keys: [sk-alpha-key-one-000000000, sk-alpha-key-two-000000000]
            models: [m, small, big]
          - id: beta
            type: openai
            base_url: {upstream2}
            api_key: sk-beta-key-0000000000000
            models: [m]
        combos:
          - name: duo
            targets: [alpha/m, beta/m]
        routing:
          tiers: { alias: auto, simple: alpha/small, medium: duo, complex: alpha/big }
        """;

    private static StringContent Chat(string model, string text = "hi") =>
        ChatCompletionsSdkTests.Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{text}}"}]}""");

    [Fact]
    public async Task RateLimitedKey_NextRequestUsesTheOtherKeyWithoutTryingTheRestingOne()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", ("retry-after", "120")));
        using var http = harness.Http();

        using var first = await http.PostAsync("v1/chat/completions", Chat("alpha/m"));
        using var second = await http.PostAsync("v1/chat/completions", Chat("alpha/m"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", first.Headers.GetValues("x-flowrouter-attempts").Single());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("1", second.Headers.GetValues("x-flowrouter-attempts").Single());
        var keys = harness.Upstream.Received.Select(r => r.Headers["authorization"]).ToArray();
        Assert.Equal(3, keys.Length);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(keys[1], keys[2]); // the rate-limited key rests for its Retry-After
    }

    [Fact]
    public async Task Failover_HeadersExplainAndTheRequestLogKeepsEveryAttemptWithItsRule()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(503, """{"error":{"message":"unavailable"}}"""));
        using var http = harness.Http();

        using var response = await http.PostAsync("v1/chat/completions", Chat("duo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("beta/m", response.Headers.GetValues("x-flowrouter-target").Single());
        Assert.Equal("2", response.Headers.GetValues("x-flowrouter-attempts").Single());
        double overhead = double.Parse(response.Headers.GetValues("x-flowrouter-overhead-ms").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(overhead, 0, 10_000);
        string id = response.Headers.GetValues("x-flowrouter-request-id").Single();
        var row = await WaitForRowAsync(harness, id);
        using var attempts = JsonDocument.Parse(row.AttemptsJson!);
        var list = attempts.RootElement.EnumerateArray().ToArray();
        Assert.Equal(("alpha/m", 503, "server-error"), (list[0].GetProperty("target").GetString(), list[0].GetProperty("status").GetInt32(), list[0].GetProperty("rule").GetString()));
        Assert.Equal(("beta/m", "ok"), (list[1].GetProperty("target").GetString(), list[1].GetProperty("outcome").GetString()));
        Assert.DoesNotContain("sk-", row.AttemptsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TierAlias_SmallRequestGoesToTheSimpleTierAndExplicitModelsAreHonoured()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        using var http = harness.Http();

        using var auto = await http.PostAsync("v1/chat/completions", Chat("auto"));
        Assert.Equal(HttpStatusCode.OK, auto.StatusCode);
        Assert.Contains("simple", auto.Headers.GetValues("x-flowrouter-tier").Single(), StringComparison.Ordinal);
        using (var sent = harness.Upstream.LastRequest!.Json())
        {
            Assert.Equal("small", sent.RootElement.GetProperty("model").GetString());
        }

        using var explicitModel = await http.PostAsync("v1/chat/completions", Chat("alpha/big"));
        Assert.False(explicitModel.Headers.Contains("x-flowrouter-tier"));
        using var sentExplicit = harness.Upstream.LastRequest!.Json();
        Assert.Equal("big", sentExplicit.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Quota_RateLimitHeadersSteerAwayFromANearlySpentKeyAndShowInApiQuota()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        var spent = FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")) with
        {
            Headers = new Dictionary<string, string>
            {
                ["x-ratelimit-limit-requests"] = "500",
                ["x-ratelimit-remaining-requests"] = "0",
                ["x-ratelimit-reset-requests"] = "6m0s",
                ["x-ratelimit-limit-tokens"] = "30000",
                ["x-ratelimit-remaining-tokens"] = "29000",
                ["x-ratelimit-reset-tokens"] = "2s",
            },
        };
        harness.Upstream.Enqueue(spent);
        using var http = harness.Http();

        using var first = await http.PostAsync("v1/chat/completions", Chat("alpha/m"));
        using var second = await http.PostAsync("v1/chat/completions", Chat("alpha/m"));
        using var third = await http.PostAsync("v1/chat/completions", Chat("alpha/m"));

        var keys = harness.Upstream.Received.Select(r => r.Headers["authorization"]).ToArray();
        Assert.Equal(keys[1], keys[2]); // the key with no requests left is passed over while the other serves
        Assert.NotEqual(keys[0], keys[1]);
        using var quota = JsonDocument.Parse(await http.GetStringAsync("api/quota"));
        var alpha = quota.RootElement.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "alpha");
        var spentKey = alpha.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("state").GetString() == "nearly-spent");
        Assert.Equal(0, spentKey.GetProperty("limits").GetProperty("requests_remaining").GetInt32());
        Assert.Equal(500, spentKey.GetProperty("limits").GetProperty("requests_limit").GetInt32());
        Assert.StartsWith("…", spentKey.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-alpha", quota.RootElement.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_RestingKeyShowsItsRuleAndDeadline()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(429, """{"error":{"message":"Rate limit reached"}}""", ("retry-after", "90")));
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/chat/completions", Chat("alpha/m"));

        using var quota = JsonDocument.Parse(await http.GetStringAsync("api/quota"));
        var rests = quota.RootElement.GetProperty("providers")[0].GetProperty("keys").EnumerateArray()
            .SelectMany(k => k.GetProperty("rests").EnumerateArray()).ToArray();
        var rest = Assert.Single(rests);
        Assert.Equal(("m", "rate-limit", 1), (rest.GetProperty("model").GetString(), rest.GetProperty("rule").GetString(), rest.GetProperty("failures").GetInt32()));
        Assert.True(DateTimeOffset.Parse(rest.GetProperty("until").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddSeconds(80));
    }

    private static async Task<FlowRouter.Storage.RequestLogRow> WaitForRowAsync(RouterHarness harness, string id)
    {
        for (int i = 0; i < 200; i++)
        {
            await harness.Server.Gateway.RequestLog.FlushAsync();
            if (harness.Server.Gateway.RequestLog.Recent(20).FirstOrDefault(r => r.Id == id) is { } row)
            {
                return row;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("request log row " + id + " never appeared");
    }
}
