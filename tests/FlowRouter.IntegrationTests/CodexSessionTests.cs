using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// A Codex-style turn (instructions, a shell function tool, the free-form apply_patch custom tool with a grammar,
/// store: false, reasoning with encrypted content replayed, streaming) end to end: byte-exact to a Responses
/// upstream, and translated to an Anthropic upstream where apply_patch travels as a one-string function and comes
/// back to the client as a custom tool call with its raw patch text.
/// </summary>
public sealed class CodexSessionTests
{
    private const string Providers = """
        providers:
          - id: resp
            type: openai-responses
            base_url: {upstream}
            api_key: sk-test-provider-key-responses-0000
          - id: claude
            type: anthropic
            base_url: {upstream2-root}
            api_key: sk-ant-test-provider-key-0000000000
        """;

    private const string Patch = "*** Begin Patch\n*** Update File: main.py\n@@\n-print(\"helo\")\n+print(\"hello\")\n*** End Patch\n";

    private static string CodexTurn(string model) => $$$$$"""
        {"model":"{{{{{model}}}}}","instructions":"You are Codex, a coding agent. Use the tools to change files.",
         "input":[
          {"type":"message","role":"user","content":[{"type":"input_text","text":"Fix the typo in main.py"}]},
          {"type":"reasoning","id":"rs_0001","summary":[{"type":"summary_text","text":"Look at the file first."}],"encrypted_content":"gAAAAABencryptedreasoningblob0001"},
          {"type":"function_call","id":"fc_0001","call_id":"call_shell_1","name":"shell","arguments":"{\"command\":[\"cat\",\"main.py\"]}"},
          {"type":"function_call_output","call_id":"call_shell_1","output":"print(\"helo\")\n"},
          {"type":"custom_tool_call","id":"ctc_0001","call_id":"call_patch_0","name":"apply_patch","input":"*** Begin Patch\n*** Add File: notes.txt\n+todo\n*** End Patch\n"},
          {"type":"custom_tool_call_output","call_id":"call_patch_0","output":"Done!"}
         ],
         "tools":[
          {"type":"function","name":"shell","description":"Runs a shell command","strict":false,"parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}},"required":["command"]}},
          {"type":"custom","name":"apply_patch","description":"Apply a patch to files","format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch hunk+ end_patch"}}
         ],
         "tool_choice":"auto","parallel_tool_calls":false,"reasoning":{"effort":"medium","summary":"auto"},
         "store":false,"stream":true,"include":["reasoning.encrypted_content"],"prompt_cache_key":"codex-session-1"}
        """;

    private static string Escape(string text) => JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private static async Task<(HttpResponseMessage Response, string Body)> PostAsync(RouterHarness harness, string body)
    {
        using var http = harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses") { Content = ChatCompletionsSdkTests.Json(body) };
        request.Headers.Add("Authorization", "Bearer anything");
        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CodexTurn_ResponsesUpstream_BytesPassThroughAndStreamRelayedAsIs()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var fixture = Fixtures.Load("openai-responses", "function-call-stream");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));

        var (response, body) = await PostAsync(harness, CodexTurn("resp/gpt-5-codex"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(fixture.ResponseBody), body);
        Assert.Equal(CodexTurn("gpt-5-codex"), harness.Upstream.LastRequest!.BodyText);
    }

    [Fact]
    public async Task CodexTurn_AnthropicUpstream_ApplyPatchRoundTripsAsACustomToolCall()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        // The tool input as Claude streams it: {"input": "<patch>"} cut in two, the cut inside an escape sequence.
        string arguments = "{\"input\": \"" + Escape(Patch) + "\"}";
        string first = Escape(arguments[..30]), second = Escape(arguments[30..]);
        harness.Upstream2!.Enqueue(FakeResponse.SseText($$$$$"""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":900,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_patch","name":"apply_patch","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{{{{{first}}}}}"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{{{{{second}}}}}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":60}}

            event: message_stop
            data: {"type":"message_stop"}


            """.Replace("\r\n", "\n", StringComparison.Ordinal)));

        var (response, body) = await PostAsync(harness, CodexTurn("claude/claude-sonnet-4-5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => frame.Split('\n').First(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..])
            .Select(data => JsonDocument.Parse(data).RootElement)
            .ToArray();
        var done = events.Single(e => e.GetProperty("type").GetString() == "response.custom_tool_call_input.done");
        Assert.Equal(Patch, done.GetProperty("input").GetString());
        var completed = events.Single(e => e.GetProperty("type").GetString() == "response.completed").GetProperty("response");
        var call = completed.GetProperty("output").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "custom_tool_call");
        Assert.Equal("apply_patch", call.GetProperty("name").GetString());
        Assert.Equal(Patch, call.GetProperty("input").GetString());

        using var sent = harness.Upstream2.LastRequest!.Json();
        var root = sent.RootElement;
        Assert.Equal("You are Codex, a coding agent. Use the tools to change files.", root.GetProperty("system").ValueKind == JsonValueKind.String
            ? root.GetProperty("system").GetString() : root.GetProperty("system")[0].GetProperty("text").GetString());
        var patchTool = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "apply_patch");
        Assert.Equal("string", patchTool.GetProperty("input_schema").GetProperty("properties").GetProperty("input").GetProperty("type").GetString());
        Assert.Contains("lark", patchTool.GetProperty("input_schema").ToString(), StringComparison.Ordinal);
        var messages = root.GetProperty("messages").EnumerateArray().ToArray();
        var earlierPatch = messages.SelectMany(m => m.GetProperty("content").ValueKind == JsonValueKind.Array ? m.GetProperty("content").EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Single(b => b.GetProperty("type").GetString() == "tool_use" && b.GetProperty("name").GetString() == "apply_patch");
        Assert.StartsWith("*** Begin Patch", earlierPatch.GetProperty("input").GetProperty("input").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("gAAAAAB", root.ToString(), StringComparison.Ordinal); // OpenAI's encrypted reasoning is not Anthropic's to read
        // The open tool loop's assistant turn has no Claude thinking block to replay, so this request goes without.
        Assert.False(root.TryGetProperty("thinking", out _));
    }
}
