using System.Net;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Model resolution, combos with failover, timeouts and network failures, as a client sees them.</summary>
public sealed class RoutingTests
{
    private const string TwoProviders = """
        providers:
          - id: alpha
            type: openai
            base_url: {upstream}
            api_key: sk-alpha-key-000000000000
            models: [shared-model, alpha-only]
          - id: beta
            type: openai
            base_url: {upstream2}
            api_key: sk-beta-key-0000000000000
            models: [shared-model, beta-only]
          - id: gem
            type: gemini
            base_url: http://127.0.0.1:9
            api_key: gemini-never-called-000000
            models: [gemini-2.5-flash]
        combos:
          - name: coding
            strategy: priority
            targets: [alpha/alpha-only, beta/beta-only]
          - name: gemini-first
            targets: [gem/gemini-2.5-flash, beta/beta-only]
        """;

    [Theory]
    [InlineData("alpha-only", "alpha", "alpha-only")]
    [InlineData("beta/shared-model", "beta", "shared-model")]
    [InlineData("alpha/anything-else", null, null)]
    [InlineData("coding", "alpha", "alpha-only")]
    public async Task Resolve_Address_GoesToExpectedTarget(string address, string? provider, string? upstreamModel)
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        using var http = harness.Http();
        using var response = await Post(http, address);
        if (provider is null)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("alpha/shared-model", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{provider}/{upstreamModel}", response.Headers.GetValues("x-flowrouter-target").Single());
        var upstream = provider == "alpha" ? harness.Upstream : harness.Upstream2!;
        using var sent = upstream.LastRequest!.Json();
        Assert.Equal(upstreamModel, sent.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Resolve_AmbiguousBareModel_Is400NamingBothAddresses()
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        using var http = harness.Http();
        using var response = await Post(http, "shared-model");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string message = await ErrorMessage(response);
        Assert.Contains("alpha/shared-model", message, StringComparison.Ordinal);
        Assert.Contains("beta/shared-model", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_UnknownModel_Is404InOpenAIShapeWithSuggestions()
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        using var http = harness.Http();
        using var response = await Post(http, "gpt-9000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Contains("coding", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Combo_FirstTargetFails_SecondAnswersInvisibly(int status)
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(status, """{"error":{"message":"busy","type":"x","param":null,"code":null}}"""));
        using var http = harness.Http();
        using var response = await Post(http, "coding");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("beta/beta-only", response.Headers.GetValues("x-flowrouter-target").Single());
        Assert.Single(harness.Upstream.Received);
        Assert.Single(harness.Upstream2!.Received);
    }

    [Fact]
    public async Task Combo_ClientMistake400_IsNotRetriedOnNextTarget()
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(400, """{"error":{"message":"bad tool schema","type":"invalid_request_error","param":"tools","code":null}}"""));
        using var http = harness.Http();
        using var response = await Post(http, "coding");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(harness.Upstream2!.Received);
    }

    [Fact]
    public async Task Combo_StreamFailsBeforeFirstEvent_FallsBackWithoutClientNoticing()
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        harness.Upstream.Enqueue(new FakeResponse { Reset = true });
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")));
        using var http = harness.Http();
        using var response = await Post(http, "coding", stream: true);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Equal("beta/beta-only", response.Headers.GetValues("x-flowrouter-target").Single());
    }

    [Fact]
    public async Task Combo_GeminiTargetUnreachable_FallsOverAndAloneAnswers502()
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        using var http = harness.Http();
        using var viaCombo = await Post(http, "gemini-first");
        Assert.Equal(HttpStatusCode.OK, viaCombo.StatusCode);
        Assert.Equal("beta/beta-only", viaCombo.Headers.GetValues("x-flowrouter-target").Single());
        using var direct = await Post(http, "gem/gemini-2.5-flash");
        Assert.Equal(HttpStatusCode.BadGateway, direct.StatusCode);
        Assert.Contains("gem", await ErrorMessage(direct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_NoAnswerBeforeFirstByteTimeout_Is504NamingProvider()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig().Replace("first_byte_seconds: 5", "first_byte_seconds: 0.3", StringComparison.Ordinal));
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")) with { DelayBeforeHeaders = TimeSpan.FromSeconds(10) });
        using var http = harness.Http();
        using var response = await Post(http, "fake/gpt-4o-mini");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        string message = await ErrorMessage(response);
        Assert.Contains("fake", message, StringComparison.Ordinal);
        Assert.Contains("first-byte", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_StreamGoesIdle_ClientGetsErrorFrameNotCleanEnd()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig().Replace("idle_seconds: 5", "idle_seconds: 0.3", StringComparison.Ordinal));
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")) with { CutAfterEvents = 3, HangAfterHeaders = true });
        using var http = harness.Http();
        using var response = await Post(http, "fake/gpt-4o-mini", stream: true);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.Contains("\"upstream_timeout\"", body, StringComparison.Ordinal);
        Assert.Contains("idle", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_StreamCutMidAnswer_ClientGetsErrorFrameNotCleanEnd()
    {
        await using var harness = await RouterHarness.StartAsync();
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")) with { CutAfterEvents = 3 });
        using var http = harness.Http();
        using var response = await Post(http, "fake/gpt-4o-mini", stream: true);
        string body = await response.Content.ReadAsStringAsync();
        var frames = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(frames.Length == 4, body);
        Assert.Equal(4, frames.Length);
        Assert.StartsWith("data: {\"error\"", frames[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_ConnectionRefused_Is502NamingProvider()
    {
        await using var harness = await RouterHarness.StartAsync("""
            providers:
              - id: gone
                type: openai
                base_url: http://127.0.0.1:9/v1
                api_key: sk-gone-key-000000000000
            """);
        using var http = harness.Http();
        using var response = await Post(http, "gone/some-model");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith("gone: ", await ErrorMessage(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_UsageIsCountedButNotSent()
    {
        await using var harness = await RouterHarness.StartAsync();
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")));
        using var http = harness.Http();
        using var response = await Post(http, "fake/gpt-4o-mini", stream: true);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"choices\":[]", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        await harness.Server.Gateway.RequestLog.FlushAsync();
        var row = harness.Server.Gateway.RequestLog.Recent(1).Single();
        Assert.True(row.InputTokens > 0);
        Assert.True(row.OutputTokens > 0);
        Assert.NotNull(row.TtftMs);
    }

    [Fact]
    public async Task Models_List_HasProviderModelsBareNamesAndCombos()
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        using var http = harness.Http();
        using var json = JsonDocument.Parse(await http.GetStringAsync("v1/models"));
        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var ids = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains("alpha/shared-model", ids);
        Assert.Contains("beta/beta-only", ids);
        Assert.Contains("alpha-only", ids);
        Assert.Contains("coding", ids);
        Assert.DoesNotContain("shared-model", ids);
    }

    [Theory]
    [InlineData("beta/beta-only", 200, "beta")]
    [InlineData("coding", 200, "flowrouter")]
    [InlineData("nope/none", 404, null)]
    public async Task Models_GetOne_AnswersModelObjectOrOpenAI404(string id, int status, string? owner)
    {
        await using var harness = await RouterHarness.StartAsync(TwoProviders, secondUpstream: true);
        using var http = harness.Http();
        using var response = await http.GetAsync("v1/models/" + id);
        Assert.Equal(status, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (owner is null)
        {
            Assert.True(json.RootElement.TryGetProperty("error", out _));
            return;
        }
        Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
        Assert.Equal(owner, json.RootElement.GetProperty("owned_by").GetString());
    }

    internal static Task<HttpResponseMessage> Post(HttpClient http, string model, bool stream = false) =>
        http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]{{(stream ? ",\"stream\":true" : "")}}}"""));

    internal static async Task<string> ErrorMessage(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }
}
