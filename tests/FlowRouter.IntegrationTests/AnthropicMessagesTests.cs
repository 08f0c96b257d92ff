using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Anthropic Messages both ways: the official Anthropic .NET SDK against an Anthropic upstream (passthrough) and an
/// OpenAI-compatible upstream (translation), and the official OpenAI SDK against an Anthropic upstream.
/// </summary>
public sealed class AnthropicMessagesTests
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

    private static MessageCreateParams Hello(string model) => new()
    {
        Model = model,
        MaxTokens = 256,
        Messages = [new UserMessageParam("What is 4200 + 42?")],
    };

    [Fact]
    public async Task Messages_AnthropicUpstream_PassesThroughWithModelRewrittenAndHeadersForwarded()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")));

        var message = await harness.Anthropic().Messages.Create(Hello("claude/claude-sonnet-4-20250514"));

        Assert.Equal("4200 + 42 = 4242", string.Concat(message.Content.Select(c => c.Value is TextBlock t ? t.Text : "")));
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal("sk-ant-test-provider-key-0000000000", sent.Headers["x-api-key"]);
        Assert.False(string.IsNullOrEmpty(sent.Headers["anthropic-version"])); // the client's own version, forwarded
        using var json = sent.Json();
        Assert.Equal("claude-sonnet-4-20250514", json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task MessagesStreaming_AnthropicUpstream_RelaysEveryEventAsIs()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var fixture = Fixtures.Load("anthropic-messages", "stream-text");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages?beta=true")
        {
            Content = ChatCompletionsSdkTests.Json("""{"model":"claude/claude-haiku-4-5-20251001","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""),
        };
        request.Headers.Add("x-api-key", "anything");
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "fine-grained-tool-streaming-2025-05-14");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(fixture.ResponseBody), await response.Content.ReadAsStringAsync());
        Assert.Equal("fine-grained-tool-streaming-2025-05-14", harness.Upstream.LastRequest!.Headers["anthropic-beta"]);
    }

    [Fact]
    public async Task Messages_OpenAIUpstream_TranslatesRequestAndAnswer()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));

        var message = await harness.Anthropic().Messages.Create(Hello("oai/gpt-4o-mini"));

        Assert.Equal("Hello! How can I assist you today?", string.Concat(message.Content.Select(c => c.Value is TextBlock t ? t.Text : "")));
        Assert.Equal(StopReason.EndTurn, message.StopReason?.Value());
        Assert.Equal(11, message.Usage.InputTokens);
        Assert.Equal(9, message.Usage.OutputTokens);
        using var sent = harness.Upstream2.LastRequest!.Json();
        Assert.Equal("gpt-4o-mini", sent.RootElement.GetProperty("model").GetString());
        Assert.Equal("user", sent.RootElement.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task MessagesStreaming_OpenAIUpstreamToolCall_ArrivesAsToolUseWithStreamedInput()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-tool-call")));
        var parameters = Hello("oai/gpt-4o-mini") with
        {
            Tools = [new ToolUnion(new Tool { Name = "get_capital", InputSchema = new() { Properties = new Dictionary<string, JsonElement>() } })],
        };
        var types = new List<string>();
        var input = new StringBuilder();
        string? toolName = null;
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(parameters))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
            {
                toolName = toolUse.Name;
            }
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
            {
                input.Append(json.PartialJson);
            }
            types.Add(streamEvent.Value?.GetType().Name ?? "?");
        }
        Assert.Equal("get_capital", toolName);
        Assert.Equal("{\"country\":\"UK\"}", input.ToString());
        Assert.Contains(types, t => t.Contains("MessageStop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatCompletion_AnthropicUpstream_OpenAISdkGetsTranslatedAnswer()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")));

        ChatCompletion completion = await harness.Chat("claude/claude-sonnet-4-20250514").CompleteChatAsync([new UserChatMessage("What is 4200 + 42?")]);

        Assert.Equal("4200 + 42 = 4242", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(17, completion.Usage.InputTokenCount);
        using var sent = harness.Upstream.LastRequest!.Json();
        Assert.Equal("/v1/messages", harness.Upstream.LastRequest.Path);
        Assert.Equal("2023-06-01", harness.Upstream.LastRequest.Headers["anthropic-version"]);
        Assert.True(sent.RootElement.GetProperty("max_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task ChatCompletionStreaming_AnthropicUpstream_OpenAISdkGetsTextAndUsage()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "stream-text")));
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in harness.Chat("claude/claude-haiku-4-5-20251001").CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }
        Assert.Equal("Hello", text.ToString()[..5]);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
    }

    [Theory]
    [InlineData("{\"model\":", 400, "invalid_request_error")]
    [InlineData("{\"model\":\"nope/none\",\"max_tokens\":5,\"messages\":[]}", 404, "not_found_error")]
    public async Task Messages_BadRequest_AnswersInAnthropicErrorShape(string body, int status, string type)
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/messages", ChatCompletionsSdkTests.Json(body));
        Assert.Equal(status, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(type, json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task CountTokens_AnthropicTarget_IsForwardedWithModelRewritten()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(200, """{"input_tokens":42}"""));
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/messages/count_tokens", ChatCompletionsSdkTests.Json(
            """{"model":"claude/claude-sonnet-4-5","messages":[{"role":"user","content":"Hello there"}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"input_tokens":42}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("/v1/messages/count_tokens", harness.Upstream.LastRequest!.Path);
        using var sent = harness.Upstream.LastRequest.Json();
        Assert.Equal("claude-sonnet-4-5", sent.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CountTokens_OpenAITarget_IsEstimatedWithARealTokenizer()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var count = await harness.Anthropic().Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "oai/gpt-4o-mini",
            Messages = [new UserMessageParam("The quick brown fox jumps over the lazy dog.")],
        });
        Assert.InRange(count.InputTokens, 10, 20);
        Assert.Empty(harness.Upstream2!.Received);
    }

    [Fact]
    public async Task ChatCompletionStreaming_AnthropicParallelToolUse_OpenAISdkGetsBothCallsWithFullArguments()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "stream-parallel-tool-use")));
        var tool = ChatTool.CreateFunctionTool("secret_retrieval_tool", "", BinaryData.FromString("""{"type":"object","properties":{"password":{"type":"string"}}}"""));
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        ChatFinishReason? finish = null;
        await foreach (var update in harness.Chat("claude/claude-sonnet-4-5").CompleteChatStreamingAsync([new UserChatMessage("Get both secrets")], new ChatCompletionOptions { Tools = { tool } }))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (!calls.TryGetValue(call.Index, out var entry))
                {
                    entry = (null, null, new StringBuilder());
                }
                calls[call.Index] = (entry.Id ?? call.ToolCallId, entry.Name ?? call.FunctionName, entry.Arguments.Append(call.FunctionArgumentsUpdate?.ToString()));
            }
            finish ??= update.FinishReason;
        }
        Assert.Equal(2, calls.Count);
        Assert.Equal(["toolu_015cUijgET79LXjgeYQerN2h", "toolu_01XZTimPexA7h3EVKesnKt5T"], calls.Values.Select(c => c.Id));
        Assert.All(calls.Values, c => Assert.Equal("secret_retrieval_tool", c.Name));
        Assert.Equal("mellon", JsonDocument.Parse(calls.Values.First().Arguments.ToString()).RootElement.GetProperty("password").GetString());
        Assert.Equal("radiance", JsonDocument.Parse(calls.Values.Last().Arguments.ToString()).RootElement.GetProperty("password").GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task ChatCompletion_AnthropicUpstreamWithAutoCache_GetsBreakpointsOnSystemAndLastUserTurn()
    {
        await using var harness = await RouterHarness.StartAsync(Providers.Replace("api_key: sk-ant-test-provider-key-0000000000", "api_key: sk-ant-test-provider-key-0000000000\n    auto_cache: true", StringComparison.Ordinal), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")));
        await harness.Chat("claude/claude-sonnet-4-20250514").CompleteChatAsync([new SystemChatMessage("Be terse."), new UserChatMessage("What is 4200 + 42?")]);
        using var sent = harness.Upstream.LastRequest!.Json();
        Assert.Equal("ephemeral", sent.RootElement.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("ephemeral", sent.RootElement.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("cache_control").GetProperty("type").GetString());
    }
}
