using System.Net;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Per-key validity, allowances and limits on /v1, answered in each client's own protocol.</summary>
public sealed class KeyLimitsTests
{
    private const string Limited = "flr_limited_key_0000000000000";
    private const string Budget = "flr_budget_key_00000000000000";
    private const string Tokens = "flr_tokens_key_00000000000000";
    private const string Narrow = "flr_narrow_key_00000000000000";
    private const string Expired = "flr_expired_key_0000000000000";
    private const string Revoked = "flr_revoked_key_0000000000000";

    private static readonly string Config = $$"""
        providers:
          - { id: fake, type: openai, base_url: "{upstream}", api_key: sk-fake-000000000000000, models: [gpt-4o, gpt-4o-mini] }
          - { id: other, type: openai, base_url: "{upstream}", api_key: sk-other-00000000000000, models: [gpt-4o] }
        keys:
          - { name: limited, key: {{Limited}}, rpm: 2 }
          - { name: budget, key: {{Budget}}, daily_budget_usd: 0.00001 }
          - { name: tokens, key: {{Tokens}}, tpm: 10 }
          - { name: narrow, key: {{Narrow}}, allowed_models: ["fake/*"], allowed_providers: [fake] }
          - { name: expired, key: {{Expired}}, expires: "2020-01-01" }
          - { name: revoked, key: {{Revoked}}, revoked: true }
        """;

    private static async Task<HttpResponseMessage> ChatAsync(HttpClient http, string key, string model = "fake/gpt-4o")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = ChatCompletionsSdkTests.Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add("Authorization", "Bearer " + key);
        return await http.SendAsync(request);
    }

    /// <summary>Usage is counted once the answer is out; the client can be quicker than that by a moment.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").Clone();
    }

    [Fact]
    public async Task RequestsPerMinute_ThirdRequestIs429WithRetryAfter_InOpenAIAndAnthropicShapes()
    {
        await using var harness = await RouterHarness.StartAsync(Config);
        using var http = harness.Http();
        (await ChatAsync(http, Limited)).Dispose();
        (await ChatAsync(http, Limited)).Dispose();

        using var third = await ChatAsync(http, Limited);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.InRange(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("requests_per_minute_exceeded", (await ErrorOf(third)).GetProperty("code").GetString());

        using var messages = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        messages.Headers.Add("x-api-key", Limited);
        using var anthropic = await http.SendAsync(messages);
        Assert.Equal((HttpStatusCode)429, anthropic.StatusCode);
        using var body = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(2, harness.Upstream.Received.Count);
    }

    [Fact]
    public async Task DailyBudget_SpentByTheFirstAnswer_NextRequestIs429UntilTomorrow()
    {
        await using var harness = await RouterHarness.StartAsync(Config);
        using var http = harness.Http();
        using var first = await ChatAsync(http, Budget);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await UntilAsync(() => harness.Server.Gateway.Keys.Counters.SpentToday("budget", DateTimeOffset.UtcNow) > 0);

        using var second = await ChatAsync(http, Budget);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("budget_exceeded", (await ErrorOf(second)).GetProperty("code").GetString());
        int retryAfter = int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 86_400);
    }

    [Fact]
    public async Task TokensPerMinute_UsedByTheFirstAnswer_NextRequestIs429()
    {
        await using var harness = await RouterHarness.StartAsync(Config);
        using var http = harness.Http();
        (await ChatAsync(http, Tokens)).Dispose(); // the fixture reports 20 tokens
        await UntilAsync(() => harness.Server.Gateway.Keys.Counters.TokensInLastMinute("tokens", DateTimeOffset.UtcNow) > 0);
        using var second = await ChatAsync(http, Tokens);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("tokens_per_minute_exceeded", (await ErrorOf(second)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AllowedModelsAndProviders_OthersAre403()
    {
        await using var harness = await RouterHarness.StartAsync(Config);
        using var http = harness.Http();
        using var allowed = await ChatAsync(http, Narrow, "fake/gpt-4o-mini");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var otherModel = await ChatAsync(http, Narrow, "other/gpt-4o");
        Assert.Equal(HttpStatusCode.Forbidden, otherModel.StatusCode);
        Assert.Equal("model_not_allowed", (await ErrorOf(otherModel)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(Expired, "expired")]
    [InlineData(Revoked, "revoked")]
    public async Task ExpiredOrRevokedKey_Is401(string key, string word)
    {
        await using var harness = await RouterHarness.StartAsync(Config);
        using var http = harness.Http();
        using var response = await ChatAsync(http, key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(word, (await ErrorOf(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Received);
    }
}
