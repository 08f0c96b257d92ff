using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Only a generation failure rests a target: a token count the provider cannot answer falls back to the local
/// estimate and leaves the model usable for everyone. A model a provider does not have is a 404 while it rests,
/// never a 429, and every 429 FlowRouter answers says when to come back.
/// </summary>
public sealed class SideCallCooldownTests
{
    private const string AnthropicConfig = """
        providers:
          - { id: claude, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-000000000000000000, models: [claude-sonnet-4-5] }
        """;

    private const string GeminiConfig = """
        providers:
          - { id: gem, type: gemini, base_url: "{upstream-root}", api_key: gm-key-0000000000000000000, models: [gemini-2.5-flash] }
        """;

    private const string AnthropicAnswer = """{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}""";
    private const string AnthropicNotFound = """{"type":"error","error":{"type":"not_found_error","message":"model: claude-sonnet-4-5"}}""";
    private const string GeminiAnswer = """{"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4},"modelVersion":"gemini-2.5-flash"}""";
    private const string GeminiNotFound = """{"error":{"code":404,"message":"models/gemini-2.5-flash is not found for API version v1beta, or is not supported for countTokens.","status":"NOT_FOUND"}}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(404, AnthropicNotFound)]
    [InlineData(429, """{"type":"error","error":{"type":"rate_limit_error","message":"count_tokens rate limit"}}""")]
    [InlineData(500, """{"type":"error","error":{"type":"api_error","message":"boom"}}""")]
    [InlineData(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""")]
    public async Task AnthropicCountTokens_UpstreamFails_EstimatesAndTheNextMessageIsServed(int status, string error)
    {
        await using var harness = await RouterHarness.StartAsync(AnthropicConfig);
        harness.Upstream.Enqueue(FakeResponse.Json(status, error));
        harness.Upstream.DefaultResponse = FakeResponse.Json(200, AnthropicAnswer);
        using var http = harness.Http();

        using var count = await http.PostAsync("v1/messages/count_tokens", Json("""{"model":"claude/claude-sonnet-4-5","messages":[{"role":"user","content":"Hello there"}]}"""));
        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.Equal("estimate", count.Headers.GetValues("x-flowrouter-token-count").Single());
        Assert.True(harness.Server.Gateway.Attempts.Routing.Book.IsEmpty, "a count's failure must rest nothing");

        using var message = await http.PostAsync("v1/messages", Json("""{"model":"claude/claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":"Hello there"}]}"""));
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Equal(2, harness.Upstream.Received.Count);
    }

    [Fact]
    public async Task GeminiCountTokens_Upstream404_EstimatesAndTheNextGenerateIsServed()
    {
        await using var harness = await RouterHarness.StartAsync(GeminiConfig);
        harness.Upstream.Enqueue(FakeResponse.Json(404, GeminiNotFound));
        harness.Upstream.DefaultResponse = FakeResponse.Json(200, GeminiAnswer);
        using var http = harness.Http();
        const string Body = """{"contents":[{"role":"user","parts":[{"text":"Hello there"}]}]}""";

        using var count = await http.PostAsync("v1beta/models/gem/gemini-2.5-flash:countTokens", Json(Body));
        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.True(JsonDocument.Parse(await count.Content.ReadAsStringAsync()).RootElement.GetProperty("totalTokens").GetInt32() > 0);

        using var generated = await http.PostAsync("v1beta/models/gem/gemini-2.5-flash:generateContent", Json(Body));
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        Assert.EndsWith(":generateContent", harness.Upstream.Received.Last().Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokens_WhileTheModelRests_DoesNotTakeTheProbeOrEndTheRest()
    {
        await using var harness = await RouterHarness.StartAsync(AnthropicConfig);
        harness.Upstream.Enqueue(FakeResponse.Json(500, """{"type":"error","error":{"type":"api_error","message":"boom"}}"""));
        harness.Upstream.DefaultResponse = FakeResponse.Json(200, """{"input_tokens":7}""");
        using var http = harness.Http();

        using (var failed = await http.PostAsync("v1/messages", Json("""{"model":"claude/claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""")))
        {
            Assert.False(failed.IsSuccessStatusCode);
        }
        using var count = await http.PostAsync("v1/messages/count_tokens", Json("""{"model":"claude/claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.Equal("estimate", count.Headers.GetValues("x-flowrouter-token-count").Single()); // the resting key is not used
        Assert.Single(harness.Upstream.Received);
        Assert.False(harness.Server.Gateway.Attempts.Routing.Book.IsEmpty, "the generation's rest must still be there");
    }

    [Fact]
    public async Task ModelNotFound_WhileItRests_Is404InEachClientsShape_Never429()
    {
        await using var harness = await RouterHarness.StartAsync(AnthropicConfig);
        harness.Upstream.DefaultResponse = FakeResponse.Json(404, AnthropicNotFound);
        using var http = harness.Http();
        const string Message = """{"model":"claude/claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""";

        using (var first = await http.PostAsync("v1/messages", Json(Message)))
        {
            Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        }
        using var anthropic = await http.PostAsync("v1/messages", Json(Message));
        using var openai = await http.PostAsync("v1/chat/completions", Json("""{"model":"claude/claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"""));
        using var gemini = await http.PostAsync("v1beta/models/claude/claude-sonnet-4-5:generateContent", Json("""{"contents":[{"parts":[{"text":"hi"}]}]}"""));

        Assert.Single(harness.Upstream.Received); // the rest holds: nobody asks the provider again
        Assert.Equal(HttpStatusCode.NotFound, anthropic.StatusCode);
        Assert.Equal("not_found_error", JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, openai.StatusCode);
        Assert.Equal("model_not_found", JsonDocument.Parse(await openai.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, gemini.StatusCode);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(await gemini.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RateLimited_UpstreamSaysNoRetryAfter_EveryFlowRouter429StillCarriesOne(bool panicMode)
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig($"routing:\n  panic_mode: {(panicMode ? "true" : "false")}\n"));
        harness.Upstream.DefaultResponse = FakeResponse.Json(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""");
        using var http = harness.Http();
        const string Chat = """{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";

        using var first = await http.PostAsync("v1/chat/completions", Json(Chat));
        using var resting = await http.PostAsync("v1/chat/completions", Json(Chat));

        Assert.Equal((HttpStatusCode)429, first.StatusCode);
        Assert.True(first.Headers.RetryAfter?.Delta is { } firstWait && firstWait >= TimeSpan.FromSeconds(1), "the relayed 429 needs Retry-After");
        Assert.Equal((HttpStatusCode)429, resting.StatusCode);
        Assert.True(resting.Headers.RetryAfter?.Delta is { } restWait && restWait >= TimeSpan.FromSeconds(1), "the resting 429 needs Retry-After");
        Assert.Equal(panicMode ? 2 : 1, harness.Upstream.Received.Count); // panic mode tries the resting target once more
    }
}
