using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Every recorded exchange, both ways: Anthropic clients to Anthropic upstreams byte for byte, and each protocol's
/// recorded answers translated into the other protocol's shape for its clients.
/// </summary>
public sealed class AnthropicFixtureTests : IAsyncLifetime
{
    private RouterHarness _harness = null!;

    public static TheoryData<string> AnthropicCases() => new(Fixtures.Cases("anthropic-messages"));
    public static TheoryData<string> OpenAICases() => new(Fixtures.Cases("openai-chat").Where(c => !c.StartsWith("error", StringComparison.Ordinal)));

    public async Task InitializeAsync() => _harness = await RouterHarness.StartAsync("""
        providers:
          - id: claude
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-fixture-key-0000000000
          - id: oai
            type: openai
            base_url: {upstream2}
            api_key: sk-openai-fixture-key-000000
        """, secondUpstream: true);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(AnthropicCases))]
    public async Task Messages_AnthropicUpstream_EveryFixturePassesThroughByteForByte(string name)
    {
        var fixture = Fixtures.Load("anthropic-messages", name);
        _harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        var body = JsonNode.Parse(fixture.RequestBody)!.AsObject();
        string model = body["model"]!.GetValue<string>();
        body["model"] = "claude/" + model;

        using var http = _harness.Http();
        using var response = await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json(body.ToJsonString()));
        string received = await response.Content.ReadAsStringAsync();

        Assert.Equal(fixture.Status, (int)response.StatusCode);
        if (fixture.Status == 200)
        {
            Assert.Equal(Encoding.UTF8.GetString(fixture.ResponseBody), received);
        }
        else
        {
            using var json = JsonDocument.Parse(received);
            Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        }
        var expected = JsonNode.Parse(fixture.RequestBody)!;
        var actual = JsonNode.Parse(_harness.Upstream.LastRequest!.Body)!;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"upstream body differs for {name}");
    }

    [Theory]
    [MemberData(nameof(AnthropicCases))]
    public async Task ChatCompletions_AnthropicUpstream_EveryFixtureBecomesAValidOpenAIAnswer(string name)
    {
        var fixture = Fixtures.Load("anthropic-messages", name);
        _harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = _harness.Http();
        using var response = await RoutingTests.Post(http, "claude/" + JsonNode.Parse(fixture.RequestBody)!["model"]!.GetValue<string>(), fixture.Stream);
        string received = await response.Content.ReadAsStringAsync();

        Assert.Equal(fixture.Status, (int)response.StatusCode);
        if (fixture.Status != 200)
        {
            Assert.False(string.IsNullOrEmpty(await ErrorOf(received)));
        }
        else if (fixture.Stream)
        {
            AssertOpenAIStream(received);
        }
        else
        {
            using var json = JsonDocument.Parse(received);
            Assert.Equal("chat.completion", json.RootElement.GetProperty("object").GetString());
            Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(OpenAICases))]
    public async Task Messages_OpenAIUpstream_EveryFixtureBecomesAValidAnthropicAnswer(string name)
    {
        var fixture = Fixtures.Load("openai-chat", name);
        _harness.Upstream2!.Enqueue(FakeResponse.FromFixture(fixture));
        string request = $$"""{"model":"oai/gpt-4o-mini","max_tokens":256,"stream":{{(fixture.Stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";
        using var http = _harness.Http();
        using var response = await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json(request));
        string received = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        if (fixture.Stream)
        {
            AssertAnthropicStream(received);
        }
        else
        {
            using var json = JsonDocument.Parse(received);
            Assert.Equal("message", json.RootElement.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("stop_reason").ValueKind);
        }
    }

    private static void AssertOpenAIStream(string body)
    {
        var frames = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", frames[^1]);
        foreach (string frame in frames[..^1])
        {
            using var chunk = JsonDocument.Parse(frame["data: ".Length..]);
            Assert.Equal("chat.completion.chunk", chunk.RootElement.GetProperty("object").GetString());
        }
    }

    private static void AssertAnthropicStream(string body)
    {
        var types = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => frame.Split('\n')[0])
            .ToList();
        Assert.Equal("event: message_start", types[0]);
        Assert.Equal("event: message_stop", types[^1]);
        Assert.Equal("event: message_delta", types[^2]);
        Assert.Equal(types.Count(t => t == "event: content_block_start"), types.Count(t => t == "event: content_block_stop"));
    }

    private static Task<string> ErrorOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return Task.FromResult(json.RootElement.GetProperty("error").GetProperty("message").GetString() ?? "");
    }
}
