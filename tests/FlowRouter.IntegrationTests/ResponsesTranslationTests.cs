using System.ClientModel;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;
using OpenAI.Chat;
using OpenAI.Responses;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The Responses API against providers that do not speak it (OpenAI chat, Anthropic), and other clients against a
/// Responses provider, with the official SDKs as clients.
/// </summary>
public sealed class ResponsesTranslationTests
{
    private const string Providers = """
        providers:
          - id: chat
            type: openai
            base_url: {upstream}
            api_key: sk-test-provider-key-chat-00000000
          - id: resp
            type: openai-responses
            base_url: {upstream}
            api_key: sk-test-provider-key-responses-0000
          - id: claude
            type: anthropic
            base_url: {upstream2-root}
            api_key: sk-ant-test-provider-key-0000000000
        """;

    private static FunctionTool Weather() => ResponseTool.CreateFunctionTool(
        "get_weather", BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""), false, "Weather at a place");

    [Fact]
    public async Task CreateResponse_ChatUpstream_OneMessageItemWithTextAndUsage()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));

        ResponseResult response = await harness.Responses().CreateResponseAsync("chat/gpt-4o-mini", "Hello");

        Assert.Equal("Hello! How can I assist you today?", response.GetOutputText());
        Assert.Single(response.OutputItems.OfType<MessageResponseItem>());
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1/chat/completions", sent.Path);
        using var json = sent.Json();
        Assert.Equal("Hello", json.RootElement.GetProperty("messages")[0].GetProperty("content").ToString().Contains("Hello", StringComparison.Ordinal) ? "Hello" : "");
    }

    [Fact]
    public async Task CreateResponseStreaming_ChatUpstream_TextDeltasThenCompletedWithUsage()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")));
        var text = new StringBuilder();
        ResponseResult? completed = null;
        int lastSequence = -1;
        await foreach (var update in await harness.Responses().CreateResponseStreamingAsync("chat/gpt-4o-mini", "Hi"))
        {
            Assert.Equal(lastSequence + 1, update.SequenceNumber);
            lastSequence = update.SequenceNumber;
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }
        Assert.NotEqual(0, text.Length);
        Assert.NotNull(completed);
        Assert.Equal(text.ToString(), completed.GetOutputText());
        Assert.True(completed.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task FunctionCall_ChatUpstream_CallThenResultRoundTripsThroughPreviousResponseId()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "tool-call-single")),
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));
        var client = harness.Responses();
        var options = new CreateResponseOptions("chat/gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Weather in Paris?")]) { Tools = { Weather() } };

        ResponseResult first = await client.CreateResponseAsync(options);
        var call = Assert.Single(first.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.False(string.IsNullOrEmpty(call.CallId));

        var next = new CreateResponseOptions("chat/gpt-4o-mini", [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "18C and sunny")])
        {
            PreviousResponseId = first.Id,
            Tools = { Weather() },
        };
        ResponseResult second = await client.CreateResponseAsync(next);

        Assert.Equal("Hello! How can I assist you today?", second.GetOutputText());
        using var sent = harness.Upstream.LastRequest!.Json();
        var messages = sent.RootElement.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["user", "assistant", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(call.CallId, messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(call.CallId, messages[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task PreviousResponseId_ThreeTurnsAgainstChatOnlyUpstream_HistoryRebuilt()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        for (int i = 0; i < 3; i++)
        {
            harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));
        }
        var client = harness.Responses();
        ResponseResult first = await client.CreateResponseAsync("chat/gpt-4o-mini", "one");
        ResponseResult second = await client.CreateResponseAsync("chat/gpt-4o-mini", "two", first.Id);
        ResponseResult third = await client.CreateResponseAsync("chat/gpt-4o-mini", "three", second.Id);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, third.PreviousResponseId ?? second.Id);
        using var sent = harness.Upstream.LastRequest!.Json();
        var roles = sent.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()!).ToArray();
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], roles);
        Assert.Equal("three", sent.RootElement.GetProperty("messages")[4].GetProperty("content").ToString().Contains("three", StringComparison.Ordinal) ? "three" : null);
    }

    [Fact]
    public async Task CreateResponseStreaming_ChatParallelToolCalls_SeparateItemsWithTheirOwnArguments()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-parallel-tool-calls")));
        var done = new List<StreamingResponseFunctionCallArgumentsDoneUpdate>();
        var options = new CreateResponseOptions("chat/gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Weather in two cities?")]) { Tools = { Weather() }, StreamingEnabled = true };
        await foreach (var update in await harness.Responses().CreateResponseStreamingAsync(options))
        {
            if (update is StreamingResponseFunctionCallArgumentsDoneUpdate finished)
            {
                done.Add(finished);
            }
        }
        Assert.Equal(2, done.Count);
        Assert.NotEqual(done[0].ItemId, done[1].ItemId);
        Assert.NotEqual(done[0].OutputIndex, done[1].OutputIndex);
        Assert.All(done, d => JsonDocument.Parse(d.FunctionArguments.ToString()).Dispose());
    }

    [Fact]
    public async Task CreateResponseStreaming_AnthropicThinking_ReasoningSummaryThenText()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "thinking-stream")));
        var reasoning = new StringBuilder();
        var text = new StringBuilder();
        var options = new CreateResponseOptions("claude/claude-sonnet-4-5", [ResponseItem.CreateUserMessageItem("Think, then answer.")])
        {
            StreamingEnabled = true,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.High, ReasoningSummaryVerbosity = ResponseReasoningSummaryVerbosity.Detailed },
        };
        await foreach (var update in await harness.Responses().CreateResponseStreamingAsync(options))
        {
            if (update is StreamingResponseReasoningSummaryTextDeltaUpdate thought)
            {
                reasoning.Append(thought.Delta);
            }
            else if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                Assert.NotEqual(0, reasoning.Length); // reasoning comes first
                text.Append(delta.Delta);
            }
        }
        Assert.NotEqual(0, reasoning.Length);
        Assert.NotEqual(0, text.Length);
        using var sent = harness.Upstream2.LastRequest!.Json();
        Assert.Equal("enabled", sent.RootElement.GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public async Task HostedTool_NonResponsesTarget_ClearBadRequestNamingTheTool()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var options = new CreateResponseOptions("chat/gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Search the web")])
        {
            Tools = { ResponseTool.CreateWebSearchTool() },
        };
        var error = await Assert.ThrowsAsync<ClientResultException>(() => harness.Responses().CreateResponseAsync(options));
        Assert.Equal(400, error.Status);
        Assert.Contains("web_search", error.Message, StringComparison.Ordinal);
        Assert.Null(harness.Upstream.LastRequest);
    }

    [Fact]
    public async Task ChatCompletion_ResponsesUpstream_OneChoiceWithToolCall()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "function-call")));
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather_at_location", "weather", BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}}}""")) } };

        ChatCompletion completion = await harness.Chat("resp/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("What should I wear in SF?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("get_weather_at_location", Assert.Single(completion.ToolCalls).FunctionName);
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1/responses", sent.Path);
        using var json = sent.Json();
        Assert.False(json.RootElement.GetProperty("store").GetBoolean());
    }

    [Fact]
    public async Task Messages_ResponsesUpstream_AnthropicSdkGetsText()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "text-basic")));

        var message = await harness.Anthropic().Messages.Create(new Anthropic.Models.Messages.MessageCreateParams
        {
            Model = "resp/gpt-4o-mini",
            MaxTokens = 64,
            Messages = [new Anthropic.Models.Messages.UserMessageParam("Say hello.")],
        });

        Assert.Equal("Hello.", string.Concat(message.Content.Select(c => c.Value is Anthropic.Models.Messages.TextBlock t ? t.Text : "")));
        Assert.Equal("/v1/responses", harness.Upstream.LastRequest!.Path);
    }

    [Fact]
    public async Task ChatCompletionStreaming_ResponsesUpstreamFunctionCall_ArgumentsStreamAsToolCallDeltas()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "function-call-stream")));
        var arguments = new StringBuilder();
        string? name = null;
        ChatFinishReason? finish = null;
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "weather", BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}}}""")) } };
        await foreach (var update in harness.Chat("resp/gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("Weather?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
            finish ??= update.FinishReason;
        }
        Assert.False(string.IsNullOrEmpty(name));
        using (JsonDocument.Parse(arguments.ToString()))
        {
        }
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task MessagesStreaming_ResponsesUpstream_AnthropicSdkGetsTextEvents()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "stream-text")));
        var text = new StringBuilder();
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(new Anthropic.Models.Messages.MessageCreateParams
        {
            Model = "resp/gpt-4o-mini",
            MaxTokens = 64,
            Messages = [new Anthropic.Models.Messages.UserMessageParam("Say hello.")],
        }))
        {
            if (streamEvent.Value is Anthropic.Models.Messages.RawContentBlockDeltaEvent { Delta.Value: Anthropic.Models.Messages.TextDelta delta })
            {
                text.Append(delta.Text);
            }
        }
        Assert.NotEqual(0, text.Length);
    }

    [Fact]
    public async Task CreateResponse_ChatUpstreamRateLimited_OpenAIErrorWithStatusAndRetryAfter()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(429, """{"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", ("retry-after", "7")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => harness.Responses().CreateResponseAsync("chat/gpt-4o-mini", "hi"));

        Assert.Equal(429, error.Status);
        Assert.Contains("Rate limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateResponse_AnthropicUpstreamInvalidRequest_OpenAIShaped400()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "error-400-invalid-request")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => harness.Responses().CreateResponseAsync("claude/claude-sonnet-4-5", "hi"));

        Assert.Equal(400, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task StructuredOutput_ChatUpstream_TextFormatBecomesResponseFormat()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "json-schema-strict")));
        var options = new CreateResponseOptions("chat/gpt-4o-mini", [ResponseItem.CreateUserMessageItem("List colours as JSON")])
        {
            TextOptions = new ResponseTextOptions
            {
                TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("colours", BinaryData.FromString("""{"type":"object","properties":{"colours":{"type":"array","items":{"type":"string"}}},"required":["colours"],"additionalProperties":false}"""), null, true),
            },
        };

        ResponseResult response = await harness.Responses().CreateResponseAsync(options);

        using (JsonDocument.Parse(response.GetOutputText()))
        {
        }
        using var sent = harness.Upstream.LastRequest!.Json();
        var format = sent.RootElement.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("colours", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public async Task CreateResponse_ChatUpstreamHitsMaxTokens_IncompleteWithReason()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "max-tokens-length")));
        var options = new CreateResponseOptions("chat/gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Write a long story")]) { MaxOutputTokenCount = 50 };

        ResponseResult response = await harness.Responses().CreateResponseAsync(options);

        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, response.IncompleteStatusDetails.Reason);
        using var sent = harness.Upstream.LastRequest!.Json();
        Assert.Equal(50, sent.RootElement.TryGetProperty("max_completion_tokens", out var limit) ? limit.GetInt32() : sent.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task InputImageByFileId_AnthropicTarget_ClearBadRequest()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        using var http = harness.Http();
        http.DefaultRequestHeaders.Add("Authorization", "Bearer anything");
        using var response = await http.PostAsync("v1/responses", ChatCompletionsSdkTests.Json(
            """{"model":"claude/claude-sonnet-4-5","input":[{"role":"user","content":[{"type":"input_text","text":"What is this?"},{"type":"input_image","file_id":"file-abc123"}]}]}"""));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("file_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(harness.Upstream2!.LastRequest);
    }
}
