using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Thinking signatures are bound to the provider and model that made them: a Claude Code-style tool loop whose
/// first turn came from one Anthropic provider and whose next turn goes to another gets the foreign thinking left
/// out (and thinking off for that request, since the open tool loop would otherwise need it); the same provider
/// still gets the client's bytes.
/// </summary>
public sealed class ReasoningOriginTests
{
    private const string Providers = """
        providers:
          - id: claude-a
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-test-provider-key-aaaaaaaaaa
          - id: claude-b
            type: anthropic
            base_url: {upstream2-root}
            api_key: sk-ant-test-provider-key-bbbbbbbbbb
        """;

    private static readonly FixtureCase FirstTurn = Fixtures.Load("anthropic-messages", "thinking-tool-use");

    /// <summary>The fixture's request followed by its own answer and the tool's result: the next turn of the loop.</summary>
    private static string NextTurn(string model)
    {
        var request = JsonNode.Parse(FirstTurn.RequestBody)!.AsObject();
        var answer = JsonNode.Parse(FirstTurn.ResponseBody)!.AsObject();
        request["model"] = model;
        var messages = request["messages"]!.AsArray();
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = answer["content"]!.DeepClone() });
        string toolId = answer["content"]!.AsArray().Single(b => (string?)b!["type"] == "tool_use")!["id"]!.GetValue<string>();
        messages.Add(JsonNode.Parse($$"""{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{toolId}}","content":"France"}]}"""));
        return request.ToJsonString();
    }

    private static async Task<HttpResponseMessage> PostAsync(RouterHarness harness, string body)
    {
        using var http = harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = ChatCompletionsSdkTests.Json(body) };
        request.Headers.Add("x-api-key", "anything");
        request.Headers.Add("anthropic-version", "2023-06-01");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Messages_SignatureFromAnotherProvider_ThinkingLeftOutForThatProviderOnly()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(FirstTurn));
        using (var first = await PostAsync(harness, System.Text.Encoding.UTF8.GetString(FirstTurn.RequestBody).Replace("\"claude-sonnet-4-0\"", "\"claude-a/claude-sonnet-4-0\"", StringComparison.Ordinal)))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        // Same conversation, next turn, to another provider: its thinking block is not that provider's to verify.
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")));
        using (var moved = await PostAsync(harness, NextTurn("claude-b/claude-sonnet-4-0")))
        {
            Assert.Equal(200, (int)moved.StatusCode);
        }
        using var sentToB = harness.Upstream2.LastRequest!.Json();
        var assistant = sentToB.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.DoesNotContain(assistant.EnumerateArray(), b => b.GetProperty("type").GetString() == "thinking");
        Assert.Contains(assistant.EnumerateArray(), b => b.GetProperty("type").GetString() == "tool_use");
        Assert.False(sentToB.RootElement.TryGetProperty("thinking", out _));
        Assert.Equal("claude-sonnet-4-0", sentToB.RootElement.GetProperty("model").GetString());

        // Back to the provider that made it: the client's bytes, thinking and all.
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")));
        string body = NextTurn("claude-a/claude-sonnet-4-0");
        using (var back = await PostAsync(harness, body))
        {
            Assert.Equal(200, (int)back.StatusCode);
        }
        using var sentToA = harness.Upstream.LastRequest!.Json();
        Assert.Contains(sentToA.RootElement.GetProperty("messages")[1].GetProperty("content").EnumerateArray(), b => b.GetProperty("type").GetString() == "thinking");
        Assert.Equal(body.Replace("claude-a/", "", StringComparison.Ordinal), harness.Upstream.LastRequest.BodyText);
    }

    [Fact]
    public async Task MessagesStreaming_SignatureDeltaRecorded_LaterReplayToAnotherModelLeavesItOut()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var stream = Fixtures.Load("anthropic-messages", "thinking-tool-use-stream");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(stream));
        var request = JsonNode.Parse(stream.RequestBody)!.AsObject();
        request["model"] = "claude-a/" + request["model"]!.GetValue<string>();
        using (var first = await PostAsync(harness, request.ToJsonString()))
        {
            Assert.Equal(200, (int)first.StatusCode);
            await first.Content.ReadAsStringAsync();
        }
        string signature = SignatureOf(stream.ResponseBody);

        var next = JsonNode.Parse($$"""
            {"model":"claude-a/other-model","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
             "messages":[{"role":"user","content":"hi"},
                         {"role":"assistant","content":[{"type":"thinking","thinking":"…","signature":"{{signature}}"},{"type":"text","text":"Hello"}]},
                         {"role":"user","content":"again"}]}
            """)!;
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")));
        using (var moved = await PostAsync(harness, next.ToJsonString()))
        {
            Assert.Equal(200, (int)moved.StatusCode);
        }
        using var sent = harness.Upstream.LastRequest!.Json();
        var assistant = sent.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal(["text"], assistant.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("enabled", sent.RootElement.GetProperty("thinking").GetProperty("type").GetString()); // not in a tool loop: kept
    }

    /// <summary>The signature a recorded stream's signature_delta events spell out.</summary>
    private static string SignatureOf(byte[] sse)
    {
        var signature = new System.Text.StringBuilder();
        foreach (var line in System.Text.Encoding.UTF8.GetString(sse).Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && line.Contains("signature_delta", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line[5..]);
                signature.Append(json.RootElement.GetProperty("delta").GetProperty("signature").GetString());
            }
        }
        Assert.NotEqual(0, signature.Length);
        return signature.ToString();
    }
}
