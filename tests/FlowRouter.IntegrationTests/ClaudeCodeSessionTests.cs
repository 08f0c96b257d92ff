using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// A Claude Code-shaped turn, replayed against both upstream kinds: a large system prompt with cache_control, 16
/// tools, thinking with a signature, parallel tool calls and their results (one an error), streamed.
/// </summary>
public sealed class ClaudeCodeSessionTests : IAsyncLifetime
{
    private static readonly string[] ToolNames =
        ["Task", "Bash", "Glob", "Grep", "LS", "ExitPlanMode", "Read", "Edit", "MultiEdit", "Write", "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch", "BashOutput", "KillShell"];

    private RouterHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await RouterHarness.StartAsync("""
        providers:
          - id: claude
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-session-key-0000000000
          - id: oai
            type: openai
            base_url: {upstream2}
            api_key: sk-openai-session-key-000000
        """, secondUpstream: true);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Session_AnthropicUpstream_EveryByteAndHeaderGoesThrough()
    {
        var fixture = Fixtures.Load("anthropic-messages", "thinking-tool-use-stream");
        _harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        string body = await SendAsync("claude/claude-sonnet-4-5-20250929");

        Assert.Equal(Encoding.UTF8.GetString(fixture.ResponseBody), body);
        var sent = _harness.Upstream.LastRequest!;
        Assert.Equal("claude-code-20250219,interleaved-thinking-2025-05-14", sent.Headers["anthropic-beta"]);
        var expected = Session("claude-sonnet-4-5-20250929");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(sent.Body)), "the session must reach Anthropic unchanged but for the model");
    }

    [Fact]
    public async Task Session_OpenAIUpstream_TranslatedBothWaysWithToolPairsIntact()
    {
        _harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-parallel-tool-calls")));
        string body = await SendAsync("oai/gpt-4o");

        using var sent = _harness.Upstream2.LastRequest!.Json();
        var root = sent.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Contains("You are Claude Code", messages[0].GetProperty("content").ToString(), StringComparison.Ordinal);
        Assert.Equal(ToolNames.Length, root.GetProperty("tools").GetArrayLength());
        var callIds = messages.Where(m => m.GetProperty("role").GetString() == "assistant" && m.TryGetProperty("tool_calls", out _))
            .SelectMany(m => m.GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("id").GetString())).ToList();
        var resultIds = messages.Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("tool_call_id").GetString()).ToList();
        Assert.Equal(["toolu_01", "toolu_02", "toolu_03"], callIds);
        Assert.Equal(callIds, resultIds);
        Assert.True(root.GetProperty("stream").GetBoolean());

        var frames = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('\n')).ToList();
        Assert.Equal("event: message_start", frames[0][0]);
        Assert.Equal("event: message_stop", frames[^1][0]);
        int toolBlocks = frames.Count(f => f[0] == "event: content_block_start" && f[1].Contains("\"tool_use\"", StringComparison.Ordinal));
        Assert.Equal(2, toolBlocks);
        Assert.Contains(frames, f => f[0] == "event: message_delta" && f[1].Contains("\"stop_reason\":\"tool_use\"", StringComparison.Ordinal));
    }

    private async Task<string> SendAsync(string model)
    {
        using var http = _harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages?beta=true")
        {
            Content = new StringContent(Session(model).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        request.Headers.Add("x-api-key", "anything");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The request body of one turn late in a session, as Claude Code shapes it.</summary>
    private static JsonObject Session(string model)
    {
        var tools = new JsonArray(ToolNames.Select(name => (JsonNode)new JsonObject
        {
            ["name"] = name,
            ["description"] = $"The {name} tool. " + new string('d', 400),
            ["input_schema"] = JsonNode.Parse("""{"type":"object","properties":{"command":{"type":"string"},"path":{"type":"string"}},"required":["command"],"additionalProperties":false}"""),
        }).ToArray());
        tools[^1]!["cache_control"] = new JsonObject { ["type"] = "ephemeral" };
        return new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 32000,
            ["stream"] = true,
            ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 4096 },
            ["metadata"] = new JsonObject { ["user_id"] = "user_session_0001" },
            ["system"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "You are Claude Code, Anthropic's official CLI for Claude." },
                new JsonObject { ["type"] = "text", ["text"] = new string('s', 20_000), ["cache_control"] = new JsonObject { ["type"] = "ephemeral" } }),
            ["tools"] = tools,
            ["messages"] = JsonNode.Parse("""
                [
                  {"role":"user","content":[{"type":"text","text":"Find where the retry policy is configured and fix the off-by-one."}]},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"I should read the config first.","signature":"EqQBCkYIBxgCKkBsig"},
                    {"type":"text","text":"Let me look at the configuration."},
                    {"type":"tool_use","id":"toolu_01","name":"Read","input":{"command":"read","path":"src/retry.cs"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"for (int i = 0; i <= max; i++) { }"}]},
                  {"role":"assistant","content":[
                    {"type":"tool_use","id":"toolu_02","name":"Grep","input":{"command":"grep","path":"src"}},
                    {"type":"tool_use","id":"toolu_03","name":"Bash","input":{"command":"dotnet test"}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_02","content":[{"type":"text","text":"src/retry.cs:12"}]},
                    {"type":"tool_result","tool_use_id":"toolu_03","is_error":true,"content":"1 test failed"},
                    {"type":"text","text":"Please fix it.","cache_control":{"type":"ephemeral"}}]}
                ]
                """),
        };
    }
}
