using System.Net;
using System.Text;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Every buffer has a bound (DESIGN.md §6b): a non-streamed answer (server.max_answer_mb), one stream event
/// (server.max_event_mb), each fetched image (server.max_image_mb) and all images of one request
/// (server.max_images_per_request_mb). Over a limit the client is told which setting it hit: a 502 and a failover
/// for an upstream's answer, the in-stream error once a stream has started, a 400 for images.
/// </summary>
public sealed class MemoryLimitTests
{
    private const int OneAndAHalfMb = 1536 * 1024;

    private static string Config(string server) => $$"""
        server: { {{server}} }
        providers:
          - { id: big, type: openai, base_url: "{upstream}", api_key: sk-big-test-provider-key-00000000, models: [m] }
          - { id: good, type: openai, base_url: "{upstream2}", api_key: sk-good-test-provider-key-0000000, models: [m] }
        combos:
          - { name: pair, strategy: priority, targets: [big/m, good/m] }
        """;

    [Fact]
    public async Task JsonAnswer_OverMaxAnswerMb_502NamingTheSetting()
    {
        await using var harness = await RouterHarness.StartAsync(Config("max_answer_mb: 1"), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(200, ChatAnswer(new string('x', OneAndAHalfMb))));
        using var http = harness.Http();

        using var response = await RoutingTests.Post(http, "big/m");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("larger than the 1 MB limit (server.max_answer_mb)", await RoutingTests.ErrorMessage(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonAnswer_OverMaxAnswerMbWithoutContentLength_FallsOverToTheNextTarget()
    {
        await using var harness = await RouterHarness.StartAsync(Config("max_answer_mb: 1"), secondUpstream: true);
        // Sent as stream events (chunked, no Content-Length): the limit must hold while reading, not only on the header.
        var body = Encoding.UTF8.GetBytes(ChatAnswer(new string('x', OneAndAHalfMb)));
        harness.Upstream.Enqueue(new FakeResponse { ContentType = "application/json", Events = body.Chunk(64 * 1024).ToArray() });
        harness.Upstream2!.DefaultResponse = FakeResponse.Json(200, BadUpstreamAnswerTests.GoodChatAnswer);
        using var http = harness.Http();

        using var response = await RoutingTests.Post(http, "pair");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-flowrouter-attempts").Single());
        Assert.Contains("Hello from good", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("big/m")]
    [InlineData("claude-client")]
    public async Task JsonAnswer_LargeButUnderMaxAnswerMb_RelayedWhole(string client)
    {
        await using var harness = await RouterHarness.StartAsync(Config("max_answer_mb: 8"), secondUpstream: true);
        string content = string.Concat(Enumerable.Range(0, 3_000_000).Select(i => (char)('a' + (i % 26)))) + "<end>";
        harness.Upstream.Enqueue(FakeResponse.Json(200, ChatAnswer(content)));
        using var http = harness.Http();

        using var response = client == "big/m"
            ? await RoutingTests.Post(http, "big/m")
            : await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json("""{"model":"big/m","max_tokens":32,"messages":[{"role":"user","content":"hi"}]}"""));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(content, body, StringComparison.Ordinal); // several 64 KB slices, in order, nothing lost
    }

    [Fact]
    public async Task Stream_FirstEventOverMaxEventMb_502NamingTheSetting()
    {
        await using var harness = await RouterHarness.StartAsync(Config("max_event_mb: 1"), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Sse(Chunk(new string('x', OneAndAHalfMb))));
        using var http = harness.Http();

        using var response = await RoutingTests.Post(http, "big/m", stream: true);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("larger than the 1 MB limit (server.max_event_mb)", await RoutingTests.ErrorMessage(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_FirstEventOverMaxEventMb_FallsOverToTheNextTarget()
    {
        await using var harness = await RouterHarness.StartAsync(Config("max_event_mb: 1"), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Sse(Chunk(new string('x', OneAndAHalfMb))));
        harness.Upstream2!.DefaultResponse = FakeResponse.Sse(Chunk("Hello from good"), FinishChunk, "[DONE]");
        using var http = harness.Http();

        using var response = await RoutingTests.Post(http, "pair", stream: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-flowrouter-attempts").Single());
        Assert.Contains("Hello from good", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_LaterEventOverMaxEventMb_EndsWithInStreamErrorNamingTheSetting()
    {
        await using var harness = await RouterHarness.StartAsync(Config("max_event_mb: 1"), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Sse(Chunk("Hel"), Chunk(new string('x', OneAndAHalfMb)), FinishChunk, "[DONE]"));
        using var http = harness.Http();

        using var response = await RoutingTests.Post(http, "big/m", stream: true);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"content\":\"Hel\"", body, StringComparison.Ordinal);
        Assert.Contains("server.max_event_mb", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.True(body.Length < 64 * 1024, $"the oversized event must not be relayed ({body.Length} chars)");
    }

    [Fact]
    public async Task Images_OneOverMaxImageMb_400NamingTheSetting()
    {
        await using var harness = await RouterHarness.StartAsync(GeminiConfig("max_image_mb: 1"), secondUpstream: true);
        harness.Upstream.Enqueue(new FakeResponse { ContentType = "image/png", Body = Png(OneAndAHalfMb) });
        using var http = harness.Http();

        using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(ImageRequest(harness.Upstream.RootUrl, 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than the 1 MB limit (server.max_image_mb)", await RoutingTests.ErrorMessage(response), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Upstream.Received, r => r.Path.StartsWith("/v1beta/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Images_TogetherOverMaxImagesPerRequestMb_400NamingTheSettingAndLaterOnesNotFetched()
    {
        await using var harness = await RouterHarness.StartAsync(GeminiConfig("max_image_mb: 1, max_images_per_request_mb: 1"), secondUpstream: true);
        var image = new FakeResponse { ContentType = "image/png", Body = Png(700 * 1024) };
        harness.Upstream.Enqueue(image, image, image);
        using var http = harness.Http();

        using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(ImageRequest(harness.Upstream.RootUrl, 3)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string message = await RoutingTests.ErrorMessage(response);
        Assert.Contains("past the 1 MB limit (server.max_images_per_request_mb)", message, StringComparison.Ordinal);
        Assert.Contains("messages[0].content[2]", message, StringComparison.Ordinal);
        Assert.Equal(["/images/0.png", "/images/1.png"], harness.Upstream.Received.Select(r => r.Path));
    }

    private static string GeminiConfig(string server) => $$"""
        server: { {{server}} }
        providers:
          - { id: gem, type: gemini, base_url: "{upstream-root}", api_key: gemini-test-provider-key-0000000000, models: [gemini-2.0-flash], allow_private_image_urls: true }
        """;

    private static string ImageRequest(string root, int images)
    {
        string parts = string.Join(",", Enumerable.Range(0, images).Select(i => $$$"""{"type":"image_url","image_url":{"url":"{{{root}}}/images/{{{i}}}.png"}}"""));
        return $$"""{"model":"gem/gemini-2.0-flash","messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{{parts}}]}]}""";
    }

    private static byte[] Png(int length)
    {
        var bytes = new byte[length];
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    private static string ChatAnswer(string content) =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"{{content}}"},"finish_reason":"stop"}]}""";

    private static string Chunk(string content) =>
        $$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"{{content}}"},"finish_reason":null}]}""";

    private const string FinishChunk = """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""";
}
