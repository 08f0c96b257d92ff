using System.Text;
using FlowRouter.Providers.Catalog;
using FlowRouter.Storage;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>The request log's usage record: tokens as the upstream reported them, cost from the catalog, bytes.</summary>
public sealed class UsageAndCostTests
{
    private const string AnthropicConfig = """
        providers:
          - id: claude
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-usage-test-key-00000000
            models: [claude-sonnet-4-5]
        """;

    /// <summary>The catalog's list prices, applied by hand: the uncached input, cache reads and writes, output.</summary>
    private static decimal ExpectedCost(string model, long input, long output, long cacheRead, long cacheWrite)
    {
        var prices = ModelCatalog.Find(model)!.Prices;
        decimal fresh = input - cacheRead - cacheWrite;
        return (fresh * prices.Input!.Value + output * prices.Output!.Value
            + cacheRead * (prices.CacheRead ?? prices.Input.Value) + cacheWrite * (prices.CacheWrite ?? prices.Input.Value)) / 1_000_000m;
    }

    /// <summary>
    /// The request's row. The server records a request after its last byte went out, so the client may finish reading
    /// a moment before the row is queued: wait for it (bounded) instead of assuming it is there.
    /// </summary>
    private static async Task<RequestLogRow> LoggedRow(RouterHarness harness, string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await harness.Server.Gateway.RequestLog.FlushAsync();
            if (harness.Server.Gateway.RequestLog.Recent(50).SingleOrDefault(r => r.Id == requestId) is { } row)
            {
                return row;
            }
            Assert.True(DateTime.UtcNow < deadline, $"request {requestId} was never logged");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ChatCompletion_UpstreamReportsCachedUsage_RowHasTokensCostAndBytes()
    {
        await using var harness = await RouterHarness.StartAsync();
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "cached-tokens-usage")));
        string body = """{"model":"gpt-4o","messages":[{"role":"user","content":"What should I have for breakfast?"}]}""";
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(body));
        byte[] received = await response.Content.ReadAsByteArrayAsync();

        var row = await LoggedRow(harness, response.Headers.GetValues("x-flowrouter-request-id").Single());
        Assert.Equal(200, row.Status);
        Assert.Equal("gpt-4o", row.UpstreamModel);
        Assert.Equal(3663, row.InputTokens);
        Assert.Equal(117, row.OutputTokens);
        Assert.Equal(3584, row.CachedTokens);
        Assert.Null(row.CacheWriteTokens);
        Assert.Equal((double)ExpectedCost("gpt-4o", 3663, 117, 3584, 0), (double)row.CostUsd!.Value, 9);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), row.RequestBytes);
        Assert.Equal(received.Length, row.ResponseBytes);
    }

    [Fact]
    public async Task Messages_AnthropicCacheReadAndWrite_CountedOnceAndPricedByTheAnsweringModel()
    {
        await using var harness = await RouterHarness.StartAsync(AnthropicConfig);
        // Anthropic's input_tokens excludes the cache; the row's input includes both parts, each once.
        string answer = Encoding.UTF8.GetString(Fixtures.Load("anthropic-messages", "prompt-cache-read").ResponseBody)
            .Replace("\"cache_creation_input_tokens\":0", "\"cache_creation_input_tokens\":1000", StringComparison.Ordinal);
        harness.Upstream.Enqueue(FakeResponse.Json(200, answer));
        string body = """{"model":"claude/claude-sonnet-4-5","max_tokens":500,"messages":[{"role":"user","content":"breakfast?"}]}""";
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json(body));
        byte[] received = await response.Content.ReadAsByteArrayAsync();

        var row = await LoggedRow(harness, response.Headers.GetValues("x-flowrouter-request-id").Single());
        Assert.Equal(12 + 4167 + 1000, row.InputTokens);
        Assert.Equal(350, row.OutputTokens);
        Assert.Equal(4167, row.CachedTokens);
        Assert.Equal(1000, row.CacheWriteTokens);
        Assert.Equal((double)ExpectedCost("claude-sonnet-4-5", 12 + 4167 + 1000, 350, 4167, 1000), (double)row.CostUsd!.Value, 9);
        Assert.Equal(received.Length, row.ResponseBytes);
    }

    [Fact]
    public async Task MessagesStream_UsageRepeatedInStartAndDelta_CountedOnce()
    {
        await using var harness = await RouterHarness.StartAsync(AnthropicConfig);
        // Newer Anthropic streams repeat the (cumulative) input and cache counts in message_delta: not to be added twice.
        string sse = Encoding.UTF8.GetString(Fixtures.Load("anthropic-messages", "stream-text").ResponseBody)
            .Replace("\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0", "\"cache_creation_input_tokens\":500,\"cache_read_input_tokens\":2000", StringComparison.Ordinal);
        harness.Upstream.Enqueue(FakeResponse.SseText(sse));
        string body = """{"model":"claude/claude-sonnet-4-5","max_tokens":500,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json(body));
        byte[] received = await response.Content.ReadAsByteArrayAsync();

        var row = await LoggedRow(harness, response.Headers.GetValues("x-flowrouter-request-id").Single());
        Assert.True(row.Stream);
        Assert.Equal(10 + 2000 + 500, row.InputTokens);
        Assert.Equal(4, row.OutputTokens);
        Assert.Equal(2000, row.CachedTokens);
        Assert.Equal(500, row.CacheWriteTokens);
        Assert.Equal((double)ExpectedCost("claude-sonnet-4-5", 2510, 4, 2000, 500), (double)row.CostUsd!.Value, 9);
        Assert.Equal(received.Length, row.ResponseBytes);
    }
}
