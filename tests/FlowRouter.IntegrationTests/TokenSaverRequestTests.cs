using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic.Models.Messages;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The token saver and caveman mode through the real server, with each SDK as the client: the provider receives
/// condensed tool output while user text stays as sent, and with the saver off it receives exactly what the client sent.
/// </summary>
public sealed class TokenSaverRequestTests
{
    private static readonly string Diff = Fixtures.CorpusSample("git_diff", "click_diff_5");
    private static readonly string TestLog = Fixtures.CorpusSample("test_output", "serilog_test_fail");
    private const string UserText = "Please look at this diff   and the failing test; keep   my spacing.";

    private static string SaverConfig(string server = "server: { token_saver: true }", string extra = "") => RouterHarness.SingleProviderConfig($"""
        {server}
        {extra}
        """);

    private static List<ChatMessage> ChatTurns() =>
    [
        new UserChatMessage(UserText),
        new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_1", "run", BinaryData.FromString("""{"cmd":"git diff"}"""))]),
        new ToolChatMessage("call_1", Diff),
        new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_2", "run", BinaryData.FromString("""{"cmd":"dotnet test"}"""))]),
        new ToolChatMessage("call_2", TestLog),
        new UserChatMessage("What broke?"),
    ];

    [Fact]
    public async Task ChatSdk_ToolResultsCondensed_UserTextUntouched_SavingsReported()
    {
        await using var harness = await RouterHarness.StartAsync(SaverConfig());
        var chat = harness.Chat("fake/gpt-4o-mini");
        var answer = await chat.CompleteChatAsync(ChatTurns());
        var headers = answer.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-flowrouter-tokens-saved", out string? saved));
        Assert.True(long.Parse(saved!, System.Globalization.CultureInfo.InvariantCulture) > 1000);

        var sent = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        Assert.Equal(UserText, sent[0].GetProperty("content").GetString());
        string diffSent = sent[2].GetProperty("content").GetString()!;
        string logSent = sent[4].GetProperty("content").GetString()!;
        Assert.True(diffSent.Length < Diff.Length, $"diff {Diff.Length} -> {diffSent.Length}");
        Assert.True(logSent.Length < TestLog.Length, $"log {TestLog.Length} -> {logSent.Length}");
        Assert.Equal("What broke?", sent[5].GetProperty("content").GetString());

        // The next turn resends the same history: the same condensed bytes go upstream (provider prompt caches keep hitting).
        await chat.CompleteChatAsync(ChatTurns());
        var again = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        Assert.Equal(diffSent, again[2].GetProperty("content").GetString());

        await harness.Server.Gateway.RequestLog.FlushAsync();
        var row = harness.Server.Gateway.RequestLog.Recent(5)[0];
        Assert.True(row.ToolTokensBefore > row.ToolTokensAfter);
        using var http = harness.Http();
        string metrics = await http.GetStringAsync("metrics");
        Assert.Contains("flowrouter_token_saver_tokens_total{ingress=\"openai-chat\",stage=\"before\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaverOff_TheProviderGetsTheClientsBytes_ByDefaultByHeaderAndByKey()
    {
        string body = new JsonObject
        {
            ["model"] = "fake/gpt-4o-mini",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = UserText },
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["tool_calls"] = new JsonArray(new JsonObject { ["id"] = "c1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "run", ["arguments"] = "{}" } }),
                },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "c1", ["content"] = Diff }),
        }.ToJsonString();
        string expectedUpstream = body.Replace("\"fake/gpt-4o-mini\"", "\"gpt-4o-mini\"", StringComparison.Ordinal);

        // Off by default.
        await using (var plain = await RouterHarness.StartAsync())
        {
            using var http = plain.Http();
            using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("x-flowrouter-tokens-saved"));
            Assert.Equal(expectedUpstream, plain.Upstream.LastRequest!.BodyText);
        }

        // On for the server, off for this request by header; off for a key.
        await using var harness = await RouterHarness.StartAsync(SaverConfig(extra: """
            keys:
              - { name: raw, key: flr_token_saver_off_key_000000, token_saver: false }
              - { name: std, key: flr_token_saver_std_key_000000 }
            """));
        using var client = harness.Http();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = ChatCompletionsSdkTests.Json(body) })
        {
            request.Headers.Add("Authorization", "Bearer flr_token_saver_std_key_000000");
            request.Headers.Add("x-flowrouter-token-saver", "off");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expectedUpstream, harness.Upstream.LastRequest!.BodyText);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = ChatCompletionsSdkTests.Json(body) })
        {
            request.Headers.Add("Authorization", "Bearer flr_token_saver_off_key_000000");
            using var response = await client.SendAsync(request);
            Assert.Equal(expectedUpstream, harness.Upstream.LastRequest!.BodyText);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = ChatCompletionsSdkTests.Json(body) })
        {
            request.Headers.Add("Authorization", "Bearer flr_token_saver_std_key_000000");
            using var response = await client.SendAsync(request);
            Assert.True(response.Headers.Contains("x-flowrouter-tokens-saved"));
            Assert.NotEqual(expectedUpstream, harness.Upstream.LastRequest!.BodyText);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = ChatCompletionsSdkTests.Json(body) })
        {
            request.Headers.Add("Authorization", "Bearer flr_token_saver_std_key_000000");
            request.Headers.Add("x-flowrouter-token-saver", "perhaps");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("x-flowrouter-token-saver", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnthropicSdk_ToolResultBlocksCondensed_AndAComboCanTurnTheSaverOn()
    {
        await using var harness = await RouterHarness.StartAsync($$"""
            providers:
              - { id: claude, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-test-0000000000, models: [claude-sonnet-4-5] }
            combos:
              - { name: saving, targets: [claude/claude-sonnet-4-5], token_saver: true }
            """);
        harness.Upstream.DefaultResponse = FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic"));
        var client = harness.Anthropic();
        MessageCreateParams Turn(string model) => new()
        {
            Model = model,
            MaxTokens = 256,
            Messages =
            [
                new UserMessageParam(UserText),
                new AssistantMessageParam(new List<ContentBlockParam> { new ToolUseBlockParam { ID = "toolu_1", Name = "run", Input = new Dictionary<string, JsonElement>() } }),
                new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = "toolu_1", Content = Diff } }),
            ],
        };

        await client.Messages.Create(Turn("claude/claude-sonnet-4-5"));
        var untouched = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        Assert.Equal(Diff, TextOf(untouched[2].GetProperty("content")[0].GetProperty("content")));

        await client.Messages.Create(Turn("saving"));
        var sent = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        Assert.Equal(UserText, sent[0].GetProperty("content").GetString());
        var result = sent[2].GetProperty("content")[0];
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.True(TextOf(result.GetProperty("content")).Length < Diff.Length);
    }

    [Fact]
    public async Task AnthropicSdk_TheToolCallsCommandSettlesWhatAPathListIs()
    {
        await using var harness = await RouterHarness.StartAsync($$"""
            server: { token_saver: true }
            providers:
              - { id: claude, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-test-0000000000, models: [claude-sonnet-4-5] }
            """);
        harness.Upstream.DefaultResponse = FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic"));
        var client = harness.Anthropic();
        string paths = Fixtures.CorpusSample("find", "click_find_py");
        MessageCreateParams Turn(string command) => new()
        {
            Model = "claude/claude-sonnet-4-5",
            MaxTokens = 256,
            Messages =
            [
                new UserMessageParam(UserText),
                new AssistantMessageParam(new List<ContentBlockParam>
                {
                    new ToolUseBlockParam { ID = "toolu_1", Name = "Bash", Input = new Dictionary<string, JsonElement> { ["command"] = JsonDocument.Parse(JsonValue.Create(command).ToJsonString()).RootElement.Clone() } },
                }),
                new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = "toolu_1", Content = paths } }),
            ],
        };

        // find output: names grouped under their directory.
        await client.Messages.Create(Turn("find . -name \"*.py\" -not -path \"./.git/*\""));
        string found = TextOf(JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("content"));
        Assert.Contains("./src/click/: _compat.py decorators.py", found, StringComparison.Ordinal);

        // The same lines from grep -l are whole paths the agent will open: they go as they came.
        await client.Messages.Create(Turn("grep -rl \"import click\" ."));
        string grepped = TextOf(JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("content"));
        Assert.Equal(paths, grepped);
    }

    [Fact]
    public async Task ResponsesSdk_FunctionCallOutputCondensed()
    {
        await using var harness = await RouterHarness.StartAsync(SaverConfig());
        using var http = harness.Http();
        string body = new JsonObject
        {
            ["model"] = "fake/gpt-4o-mini",
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = UserText },
                new JsonObject { ["type"] = "function_call", ["call_id"] = "c1", ["name"] = "run", ["arguments"] = "{}" },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = "c1", ["output"] = TestLog }),
        }.ToJsonString();
        using var response = await http.PostAsync("v1/responses", ChatCompletionsSdkTests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("x-flowrouter-tokens-saved"));
        // The chat upstream receives the translated conversation: the tool message carries the condensed log.
        var messages = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        Assert.Equal(UserText, messages[0].GetProperty("content").GetString());
        string tool = TextOf(messages.EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool").GetProperty("content"));
        Assert.True(tool.Length < TestLog.Length);
    }

    [Fact]
    public async Task Gemini_FunctionResponseCondensed()
    {
        await using var harness = await RouterHarness.StartAsync(SaverConfig());
        using var http = harness.Http();
        string body = new JsonObject
        {
            ["contents"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = UserText }) },
                new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["functionCall"] = new JsonObject { ["name"] = "run", ["args"] = new JsonObject { ["cmd"] = "git diff" } } }) },
                new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["functionResponse"] = new JsonObject { ["name"] = "run", ["response"] = new JsonObject { ["output"] = Diff } } }) }),
        }.ToJsonString();
        using var response = await http.PostAsync("v1beta/models/fake/gpt-4o-mini:generateContent", ChatCompletionsSdkTests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("x-flowrouter-tokens-saved"));
        var messages = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        Assert.Equal(UserText, TextOf(messages[0].GetProperty("content")));
        // The chat upstream gets the function response as JSON text: its "output" is the condensed diff.
        string tool = TextOf(messages.EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool").GetProperty("content"));
        string output = JsonDocument.Parse(tool).RootElement.GetProperty("output").GetString()!;
        Assert.True(output.Length < Diff.Length, $"{Diff.Length} -> {output.Length}");
    }

    [Fact]
    public async Task Caveman_AddedOnceInTheSystemPrompt_ByHeaderOrSetting_AndRefusedWhenUnknown()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("server: { caveman: lite }"));
        var chat = harness.Chat("fake/gpt-4o-mini");
        await chat.CompleteChatAsync([new SystemChatMessage("You help with code."), new UserChatMessage(UserText)]);
        var sent = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
        string system = sent[0].GetProperty("content").GetString()!;
        Assert.StartsWith("You help with code.\n\n[FlowRouter caveman mode] Answer concisely", system, StringComparison.Ordinal);
        Assert.Equal(UserText, sent[1].GetProperty("content").GetString());

        // A client that sends the whole system prompt back next turn does not get the instruction twice.
        await chat.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage("again")]);
        string second = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.Equal(system, second);

        using var http = harness.Http();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""") })
        {
            request.Headers.Add("x-flowrouter-caveman", "ultra");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var translated = JsonDocument.Parse(harness.Upstream.LastRequest!.BodyText).RootElement.GetProperty("messages");
            Assert.Contains("fewest words", translated[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}""") })
        {
            request.Headers.Add("x-flowrouter-caveman", "grunt");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            string error = await response.Content.ReadAsStringAsync();
            Assert.Contains("\"type\":\"error\"", error, StringComparison.Ordinal); // Anthropic's own error shape
            Assert.Contains("x-flowrouter-caveman", error, StringComparison.Ordinal);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""") })
        {
            request.Headers.Add("x-flowrouter-caveman", "off");
            using var response = await http.SendAsync(request);
            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", harness.Upstream.LastRequest!.BodyText);
        }
    }

    /// <summary>A content value as text: a string, or its text parts joined.</summary>
    private static string TextOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString()));
}
