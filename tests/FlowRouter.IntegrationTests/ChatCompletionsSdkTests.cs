using System.ClientModel;
using System.Text.Json;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>The official OpenAI .NET SDK as the client, the real server in the middle, a fake OpenAI upstream behind.</summary>
public sealed class ChatCompletionsSdkTests
{
    [Fact]
    public async Task CompleteChat_PlainRequest_ReturnsUpstreamAnswerAndRewritesOnlyModel()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("keys: [{ name: laptop, key: " + RouterHarness.ClientKey + " }]"));
        ChatCompletion completion = await harness.Chat("fake/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hello")]);

        Assert.Equal("Hello! How can I assist you today?", completion.Content[0].Text);
        Assert.Equal(11, completion.Usage.InputTokenCount);
        Assert.Equal(9, completion.Usage.OutputTokenCount);
        var sent = harness.Upstream.LastRequest!;
        using var json = sent.Json();
        Assert.Equal("gpt-4o-mini", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("Bearer " + RouterHarness.ProviderKey, sent.Headers["authorization"]);
        Assert.Equal("/v1/chat/completions", sent.Path);
    }

    [Fact]
    public async Task CompleteChatStreaming_TextWithUsage_DeliversEveryChunkAndFinalUsage()
    {
        await using var harness = await RouterHarness.StartAsync();
        var fixture = Fixtures.Load("openai-chat", "stream-text-usage");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in harness.Chat("fake/gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("Count")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }
        Assert.Equal(ExpectedStreamText(fixture), text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.True(usage!.TotalTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolCall_PassesIdNameAndArgumentFragmentsThrough()
    {
        await using var harness = await RouterHarness.StartAsync();
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-tool-call")));
        var tool = ChatTool.CreateFunctionTool("get_capital", "", BinaryData.FromString("""{"type":"object","properties":{"country":{"type":"string"}},"required":["country"],"additionalProperties":false}"""), true);
        var options = new ChatCompletionOptions { Tools = { tool } };
        string? id = null, name = null;
        var arguments = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in harness.Chat("fake/gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("Capital of the UK?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
            finish ??= update.FinishReason;
        }
        Assert.Equal("call_ZR5UUuTt3pf61kjwAJIYdVMj", id);
        Assert.Equal("get_capital", name);
        Assert.Equal("{\"country\":\"UK\"}", arguments.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Theory]
    [InlineData(401, "error-401-invalid-api-key")]
    [InlineData(404, null)]
    [InlineData(429, null)]
    [InlineData(500, null)]
    public async Task CompleteChat_UpstreamError_KeepsStatusAndUpstreamMessage(int status, string? fixture)
    {
        await using var harness = await RouterHarness.StartAsync();
        string body = fixture is null
            ? $$$"""{"error":{"message":"upstream says {{{status}}} for {{{RouterHarness.ProviderKey}}}","type":"test_error","param":null,"code":"code_{{{status}}}"}}"""
            : System.Text.Encoding.UTF8.GetString(Fixtures.Load("openai-chat", fixture).ResponseBody);
        harness.Upstream.Enqueue(FakeResponse.Json(status, body, ("retry-after", "7")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("fake/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(status, error.Status);
        var raw = error.GetRawResponse()!;
        using var json = JsonDocument.Parse(raw.Content.ToMemory());
        string message = json.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.StartsWith("fake: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain(RouterHarness.ProviderKey, message, StringComparison.Ordinal);
        Assert.Contains(fixture is null ? "upstream says" : "Incorrect API key provided", message, StringComparison.Ordinal);
        if (status == 429)
        {
            Assert.True(raw.Headers.TryGetValue("Retry-After", out string? retryAfter));
            Assert.Equal("7", retryAfter);
        }
    }

    [Fact]
    public async Task CompleteChatStreaming_ClientCancels_UpstreamRequestIsAbortedAtOnce()
    {
        await using var harness = await RouterHarness.StartAsync();
        var slow = FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")) with { DelayBetweenEvents = TimeSpan.FromSeconds(2) };
        harness.Upstream.Enqueue(slow);
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in harness.Chat("fake/gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("hi")], cancellationToken: cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });
        var upstreamSide = harness.Upstream.LastRequest!.Aborted;
        Assert.Same(upstreamSide, await Task.WhenAny(upstreamSide, Task.Delay(TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public async Task CompleteChat_ClientKeys_MissingOrWrongKeyIs401AndRightKeyPasses()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("keys: [{ name: laptop, key: " + RouterHarness.ClientKey + " }]"));

        var wrong = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("fake/gpt-4o-mini", "flr_wrong_key_000000000000").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, wrong.Status);
        using var http = harness.Http();
        var missing = await http.PostAsync("v1/chat/completions", Json("""{"model":"fake/gpt-4o-mini","messages":[]}"""));
        Assert.Equal(401, (int)missing.StatusCode);
        Assert.Contains("Missing client key", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ok = await harness.Chat("fake/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.NotNull(ok.Value);
        Assert.Single(harness.Upstream.Received);
    }

    internal static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string ExpectedStreamText(FixtureCase fixture)
    {
        var text = new System.Text.StringBuilder();
        foreach (var sseEvent in SseSplitter.SplitEvents(fixture.ResponseBody))
        {
            string line = System.Text.Encoding.UTF8.GetString(sseEvent).Trim();
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }
            using var chunk = JsonDocument.Parse(line["data: ".Length..]);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    text.Append(content.GetString());
                }
            }
        }
        return text.ToString();
    }
}
