using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Errors and reasoning across wire formats: each client sees its own protocol's shapes.</summary>
public sealed class TranslationErrorTests
{
    private const string Providers = """
        providers:
          - id: claude
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-test-provider-key-0000000000
          - id: oai
            type: openai
            base_url: {upstream2}
            api_key: sk-openai-test-provider-key-000000
        """;

    [Fact]
    public async Task OpenAIClient_AnthropicRateLimit_Gets429InOpenAIShapeWithUpstreamMessage()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var fixture = Fixtures.Load("anthropic-messages", "error-429-rate-limit");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture) with { Headers = new Dictionary<string, string> { ["retry-after"] = "12" } });
        using var http = harness.Http();
        using var response = await RoutingTests.Post(http, "claude/claude-sonnet-4-5");
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("12", response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string message = await RoutingTests.ErrorMessage(response);
        Assert.StartsWith("claude: This request would exceed your organization's rate limit", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicClient_OpenAIUpstreamError_GetsAnthropicShapeAndStatus()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.Json(429, """{"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""));
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json(
            """{"model":"oai/gpt-4o-mini","max_tokens":32,"messages":[{"role":"user","content":"hi"}]}"""));
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("Rate limit reached", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIClient_AnthropicOverloadedMidStream_GetsInStreamErrorNotCleanEnd()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var events = SseSplitter.SplitEvents(Fixtures.Load("anthropic-messages", "stream-text").ResponseBody).Take(4)
            .Append(Encoding.UTF8.GetBytes("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"))
            .ToArray();
        harness.Upstream.Enqueue(new FakeResponse { ContentType = "text/event-stream", Events = events });
        using var http = harness.Http();
        using var response = await RoutingTests.Post(http, "claude/claude-haiku-4-5", stream: true);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"content\":\"Hello\"", body, StringComparison.Ordinal);
        Assert.Contains("Overloaded", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIClient_AnthropicThinkingStream_SurfacesAsReasoningContent()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "thinking-stream")));
        using var http = harness.Http();
        using var response = await RoutingTests.Post(http, "claude/claude-sonnet-4-20250514", stream: true);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"reasoning_content\":", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }
}
