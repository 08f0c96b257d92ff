using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Gemini both ways through the canonical model: raw Gemini requests against OpenAI and Anthropic upstreams (JSON,
/// SSE and the JSON-array stream), and the official OpenAI and Anthropic .NET SDKs against a Gemini upstream (text,
/// streaming, function calls, function responses, errors, image URLs fetched by FlowRouter).
/// </summary>
public sealed class GeminiTranslationTests
{
    private const string GeminiKey = "gemini-test-provider-key-0000000000";

    private static string Providers(string geminiExtra = "") => $$"""
        providers:
          - id: gem
            type: gemini
            base_url: {upstream-root}
            api_key: {{GeminiKey}}
            models: [gemini-2.0-flash, gemini-2.5-pro, gemini-3-flash-preview]
            {{geminiExtra}}
          - id: oai
            type: openai
            base_url: {upstream2}
            api_key: sk-openai-test-provider-key-000000
            models: [gpt-4o-mini]
          - id: claude
            type: anthropic
            base_url: {upstream2-root}
            api_key: sk-ant-test-provider-key-0000000000
            models: [claude-sonnet-4-5]
        """;

    private static HttpRequestMessage Post(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return request;
    }

    private const string HelloGemini = """{"contents":[{"role":"user","parts":[{"text":"What is 4200 + 42?"}]}],"systemInstruction":{"parts":[{"text":"Be terse."}]}}""";

    private static List<JsonElement> SseChunks(string body) =>
        body.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => { Assert.StartsWith("data: ", e, StringComparison.Ordinal); return JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone(); })
            .ToList();

    private static string TextOf(IEnumerable<JsonElement> chunks) => string.Concat(chunks
        .Where(c => c.TryGetProperty("candidates", out _))
        .SelectMany(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())
        .Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));

    // ---- Gemini clients against other providers ----

    [Fact]
    public async Task GenerateContent_OpenAIUpstream_GeminiAnswerWithUsage()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:generateContent", HelloGemini));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var candidate = json.RootElement.GetProperty("candidates")[0];
        Assert.Equal("Hello! How can I assist you today?", candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.True(json.RootElement.GetProperty("usageMetadata").GetProperty("promptTokenCount").GetInt32() > 0);
        var sent = harness.Upstream2.LastRequest!;
        Assert.Equal("/v1/chat/completions", sent.Path);
        using var body = sent.Json();
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("Be terse.", body.RootElement.GetProperty("messages")[0].GetProperty("content").ToString().Contains("Be terse.", StringComparison.Ordinal) ? "Be terse." : null);
    }

    [Fact]
    public async Task StreamGenerateContent_AltSse_OpenAIUpstream_CrlfSseChunksEndingWithStop()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:streamGenerateContent?alt=sse", HelloGemini));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var chunks = SseChunks(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("420", TextOf(chunks), StringComparison.Ordinal);
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.True(chunks[^1].GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32() > 0);
        using var sent = harness.Upstream2.LastRequest!.Json();
        Assert.True(sent.RootElement.GetProperty("stream").GetBoolean());
        Assert.True(sent.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task StreamGenerateContent_NoAlt_AnthropicUpstream_JsonArrayStream()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "stream-text")));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/claude/claude-sonnet-4-5:streamGenerateContent", HelloGemini));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var array = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var chunks = array.RootElement.EnumerateArray().ToList();
        Assert.True(chunks.Count >= 2);
        Assert.NotEmpty(TextOf(chunks));
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        var sent = harness.Upstream2.LastRequest!;
        Assert.Equal("/v1/messages", sent.Path);
        using var body = sent.Json();
        Assert.Equal("claude-sonnet-4-5", body.RootElement.GetProperty("model").GetString());
        Assert.True(body.RootElement.GetProperty("max_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task GenerateContent_OpenAIParallelToolCalls_FunctionCallPartsAndFunctionResponsesGoBack()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "parallel-tool-calls")));
        using var http = harness.Http();
        const string tools = """"
            "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"location":{"type":"STRING"}}}}]}]
            """";

        using var response = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:generateContent",
            """{"contents":[{"role":"user","parts":[{"text":"Weather in Paris and Tokyo?"}]}],""" + tools + "}"));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var parts = json.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray().ToList();
        var calls = parts.Where(p => p.TryGetProperty("functionCall", out _)).Select(p => p.GetProperty("functionCall")).ToList();
        Assert.True(calls.Count >= 2, json.RootElement.GetRawText());
        Assert.All(calls, c => Assert.Equal(JsonValueKind.Object, c.GetProperty("args").ValueKind));
        Assert.Equal("STOP", json.RootElement.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        using var sentTools = harness.Upstream2.LastRequest!.Json();
        Assert.Equal("get_weather", sentTools.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());

        // The next turn: the model's calls and one user turn of function responses, paired in order.
        harness.Upstream2.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));
        string callParts = string.Join(",", calls.Select(c => "{\"functionCall\":" + c.GetRawText() + "}"));
        string responseParts = string.Join(",", calls.Select((c, i) => "{\"functionResponse\":{\"name\":\"" + c.GetProperty("name").GetString() + "\",\"response\":{\"temp\":" + (20 + i) + "}}}"));
        using var second = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:generateContent",
            $$"""{"contents":[{"role":"user","parts":[{"text":"Weather in Paris and Tokyo?"}]},{"role":"model","parts":[{{callParts}}]},{"role":"user","parts":[{{responseParts}}]}],{{tools}}}"""));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var sent = harness.Upstream2.LastRequest!.Json();
        var messages = sent.RootElement.GetProperty("messages").EnumerateArray().ToList();
        var assistant = messages.Single(m => m.GetProperty("role").GetString() == "assistant");
        var toolMessages = messages.Where(m => m.GetProperty("role").GetString() == "tool").ToList();
        Assert.Equal(calls.Count, assistant.GetProperty("tool_calls").GetArrayLength());
        Assert.Equal(
            assistant.GetProperty("tool_calls").EnumerateArray().Select(t => t.GetProperty("id").GetString()),
            toolMessages.Select(t => t.GetProperty("tool_call_id").GetString()));
    }

    [Fact]
    public async Task GenerateContent_CandidateCountTwoToOpenAI_ClearBadRequest()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:generateContent",
            """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"candidateCount":2}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_ARGUMENT", json.RootElement.GetProperty("error").GetProperty("status").GetString());
        Assert.Contains("candidateCount", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Upstream2!.Received);
    }

    [Fact]
    public async Task GenerateContent_OpenAIUpstreamRateLimited_GeminiResourceExhausted()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream2!.Enqueue(FakeResponse.Json(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", ("retry-after", "7")));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:generateContent", HelloGemini));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("RESOURCE_EXHAUSTED", json.RootElement.GetProperty("error").GetProperty("status").GetString());
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    // ---- OpenAI and Anthropic clients against a Gemini provider ----

    [Fact]
    public async Task ChatCompletion_GeminiUpstream_TextFromGenerateContent()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction")));

        ChatCompletion completion = await harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync([new SystemChatMessage("You are a chatbot."), new UserChatMessage("Hello!")]);

        Assert.Equal("Hello! How can I help you today?", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.InputTokenCount > 0);
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", sent.Path);
        Assert.Equal(GeminiKey, sent.Headers["x-goog-api-key"]);
        using var json = sent.Json();
        Assert.Equal("Hello!", json.RootElement.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("You are a chatbot.", json.RootElement.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task ChatCompletionStreaming_GeminiUpstream_TextDeltasAndUsage()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "stream-text")));
        var text = new StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in harness.Chat("gem/gemini-2.0-flash").CompleteChatStreamingAsync([new UserChatMessage("What is the capital of France?")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(c => c.Text)));
            finish ??= update.FinishReason;
        }

        Assert.Equal("The capital of France is Paris.\n", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1beta/models/gemini-2.0-flash:streamGenerateContent", sent.Path);
        Assert.Equal("?alt=sse", sent.Query);
    }

    [Fact]
    public async Task ChatCompletion_GeminiParallelFunctionCalls_ToolCallsWithIdsThenResultsRegrouped()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "parallel-function-calls")));
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("print", "", BinaryData.FromString("""{"type":"object","properties":{"text":{"type":"string"},"color":{"type":"string"}},"additionalProperties":false}""")),
                ChatTool.CreateFunctionTool("beep", "", BinaryData.FromString("""{"type":"object","properties":{}}""")),
                ChatTool.CreateFunctionTool("controlLight", "", BinaryData.FromString("""{"type":"object","properties":{"brightness":{"type":"integer"},"colorTemperature":{"type":"string"}}}""")),
            },
        };
        var user = new UserChatMessage("Print hello in blue, beep, and dim the light.");

        ChatCompletion completion = await harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync([user], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal(["print", "beep", "controlLight"], completion.ToolCalls.Select(c => c.FunctionName));
        Assert.Equal(3, completion.ToolCalls.Select(c => c.Id).Distinct().Count());
        Assert.Equal("blue", JsonDocument.Parse(completion.ToolCalls[0].FunctionArguments).RootElement.GetProperty("color").GetString());
        using (var firstSent = harness.Upstream.LastRequest!.Json())
        {
            Assert.Equal("print", firstSent.RootElement.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("name").GetString());
        }

        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction")));
        List<ChatMessage> history = [user, new AssistantChatMessage(completion.ToolCalls)];
        history.AddRange(completion.ToolCalls.Select(c => new ToolChatMessage(c.Id, $$"""{"done":"{{c.FunctionName}}"}""")));
        await harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync(history, options);

        using var sent = harness.Upstream.LastRequest!.Json();
        var contents = sent.RootElement.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["user", "model", "user"], contents.Select(c => c.GetProperty("role").GetString()));
        Assert.Equal(3, contents[1].GetProperty("parts").EnumerateArray().Count(p => p.TryGetProperty("functionCall", out _)));
        var responses = contents[2].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("functionResponse")).ToList();
        Assert.Equal(["print", "beep", "controlLight"], responses.Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ChatCompletion_GeminiApiKeyInvalid_OpenAIErrorWithUpstreamStatus()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "error-400-api-key-invalid")));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(400, error.Status);
        Assert.Contains("API key not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GeminiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesStreaming_GeminiFunctionCallWithSignature_AnthropicSdkGetsToolUse()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "function-call-stream-thought-signature")));
        var parameters = new MessageCreateParams
        {
            Model = "gem/gemini-3-flash-preview",
            MaxTokens = 256,
            Messages = [new UserMessageParam("What is the capital of the user country? Call the tool")],
            Tools = [new ToolUnion(new Tool { Name = "get_country", InputSchema = new() { Properties = new Dictionary<string, JsonElement>() } })],
        };
        string? toolName = null;
        string? stopReason = null;
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(parameters))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
            {
                toolName = toolUse.Name;
            }
            if (streamEvent.TryPickDelta(out var delta) && delta.Delta.StopReason is { } reason)
            {
                stopReason = reason.ToString();
            }
        }

        Assert.Equal("get_country", toolName);
        Assert.True(stopReason?.Contains("tool_use", StringComparison.OrdinalIgnoreCase) == true || stopReason?.Contains("ToolUse", StringComparison.Ordinal) == true, stopReason);
        Assert.Equal("/v1beta/models/gemini-3-flash-preview:streamGenerateContent", harness.Upstream.LastRequest!.Path);
    }

    [Fact]
    public async Task Messages_GeminiUpstream_AnthropicSdkGetsText()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction")));

        var message = await harness.Anthropic().Messages.Create(new MessageCreateParams
        {
            Model = "gem/gemini-2.0-flash",
            MaxTokens = 64,
            System = "You are a chatbot.",
            Messages = [new UserMessageParam("Hello!")],
        });

        Assert.Equal("Hello! How can I help you today?", string.Concat(message.Content.Select(c => c.Value is TextBlock t ? t.Text : "")));
        using var sent = harness.Upstream.LastRequest!.Json();
        Assert.Equal(64, sent.RootElement.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
    }

    // ---- image URLs for a Gemini target ----

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static List<ChatMessage> LookAt(string url) =>
        [new UserChatMessage(ChatMessageContentPart.CreateTextPart("What is this?"), ChatMessageContentPart.CreateImagePart(new Uri(url)))];

    [Fact]
    public async Task ChatCompletion_ImageUrlOnLoopbackToGemini_RefusedWith400()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync(LookAt(harness.Upstream.RootUrl + "/images/cat.png")));

        Assert.Equal(400, error.Status);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Received); // neither fetched nor sent
    }

    [Fact]
    public async Task ChatCompletion_ImageUrlWithPrivateAllowed_FetchedAndSentInline()
    {
        await using var harness = await RouterHarness.StartAsync(Providers("allow_private_image_urls: true"), secondUpstream: true);
        harness.Upstream.Enqueue(
            new FakeResponse { ContentType = "image/png", Body = Png },
            FakeResponse.FromFixture(Fixtures.Load("gemini", "image-inline-base64")));

        await harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync(LookAt(harness.Upstream.RootUrl + "/images/cat.png"));

        var received = harness.Upstream.Received.ToList();
        Assert.Equal("/images/cat.png", received[0].Path);
        using var sent = received[1].Json();
        var inline = sent.RootElement.GetProperty("contents")[0].GetProperty("parts").EnumerateArray()
            .Single(p => p.TryGetProperty("inlineData", out _)).GetProperty("inlineData");
        Assert.Equal("image/png", inline.GetProperty("mimeType").GetString());
        Assert.Equal(Png, Convert.FromBase64String(inline.GetProperty("data").GetString()!));
    }

    [Fact]
    public async Task ChatCompletion_ImageUrlNotAnImage_RefusedWith400()
    {
        await using var harness = await RouterHarness.StartAsync(Providers("allow_private_image_urls: true"), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(200, """{"not":"an image"}"""));

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync(LookAt(harness.Upstream.RootUrl + "/images/cat.png")));

        Assert.Equal(400, error.Status);
        Assert.Contains("not an image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletion_ImageUrlOverServerMaxImageMb_RefusedWith400NamingTheSetting()
    {
        await using var harness = await RouterHarness.StartAsync(
            Providers("allow_private_image_urls: true") + "\nserver: { max_image_mb: 1 }\n", secondUpstream: true);
        var big = new byte[(1024 * 1024) + 1];
        Png.CopyTo(big, 0);
        harness.Upstream.Enqueue(new FakeResponse { ContentType = "image/png", Body = big });

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.Chat("gem/gemini-2.0-flash").CompleteChatAsync(LookAt(harness.Upstream.RootUrl + "/images/big.png")));

        Assert.Equal(400, error.Status);
        Assert.Contains("larger than the 1 MB limit (server.max_image_mb)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/images/big.png"], harness.Upstream.Received.Select(r => r.Path)); // fetched, never sent on
    }
}
