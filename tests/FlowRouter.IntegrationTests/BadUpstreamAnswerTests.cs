using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Upstreams that say 200 but send no answer: an HTML page, nothing, garbage, JSON nested 10,000 deep, or an error
/// object. Through every upstream type, passed through (same format) and translated (another client format), the
/// client gets a 502 in its own protocol's error shape, never a 500 or an empty success; a combo falls over to its
/// next target, and the bad one rests like after a 5xx. The same for a stream whose first event is garbage; garbage
/// after the first event ends the stream with the client protocol's in-stream error.
/// </summary>
public sealed class BadUpstreamAnswerTests
{
    private const string Providers = """
        providers:
          - { id: oai, type: openai, base_url: "{upstream}", api_key: sk-oai-test-provider-key-00000000, models: [gpt-4o-mini] }
          - { id: claude, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-test-provider-key-0000000000, models: [claude-sonnet-4-5] }
          - { id: resp, type: openai-responses, base_url: "{upstream}", api_key: sk-resp-test-provider-key-0000000, models: [gpt-4o-mini] }
          - { id: gem, type: gemini, base_url: "{upstream-root}", api_key: gemini-test-provider-key-0000000000, models: [gemini-2.0-flash] }
        """;

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string type in new[] { "openai", "anthropic", "openai-responses", "gemini" })
        {
            foreach (string mode in new[] { "passthrough", "translated" })
            {
                foreach (string fault in new[] { "html", "empty", "garbage", "deep", "error" })
                {
                    data.Add(type, mode, fault);
                }
            }
        }
        return data;
    }

    public static TheoryData<string, string> TypesAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (string type in new[] { "openai", "anthropic", "openai-responses", "gemini" })
        {
            data.Add(type, "passthrough");
            data.Add(type, "translated");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task JsonAnswer_MalformedOrErrorIn200_502InClientShape(string type, string mode, string fault)
    {
        await using var harness = await RouterHarness.StartAsync(Providers);
        harness.Upstream.Enqueue(Fault(fault, type));
        var client = ClientFor(type, mode);
        using var http = harness.Http();

        using var response = await http.SendAsync(Request(client, Target(type), stream: false));

        string message = await AssertBadGatewayAsync(response, client);
        Assert.StartsWith(ProviderId(type) + ": ", message, StringComparison.Ordinal);
        if (fault == "error")
        {
            Assert.Contains("upstream hiccup", message, StringComparison.Ordinal);
        }
        Assert.Single(harness.Upstream.Received);
    }

    [Theory]
    [MemberData(nameof(TypesAndModes))]
    public async Task Stream_FirstEventGarbage_502InClientShape(string type, string mode)
    {
        await using var harness = await RouterHarness.StartAsync(Providers);
        harness.Upstream.Enqueue(FakeResponse.SseText("data: <html><body>Bad gateway</body></html>\n\n"));
        var client = ClientFor(type, mode);
        using var http = harness.Http();

        using var response = await http.SendAsync(Request(client, Target(type), stream: true));

        string message = await AssertBadGatewayAsync(response, client);
        Assert.Contains("first event is unusable", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TypesAndModes))]
    public async Task Stream_GarbageAfterFirstEvent_EndsWithInStreamError(string type, string mode)
    {
        await using var harness = await RouterHarness.StartAsync(Providers);
        harness.Upstream.Enqueue(FakeResponse.SseText(FirstEvent(type) + "data: {\"half\": \n\n"));
        var client = ClientFor(type, mode);
        using var http = harness.Http();

        using var response = await http.SendAsync(Request(client, Target(type), stream: true));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("(?i)malformed|unusable", body);
        Assert.Contains("error", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
        Assert.DoesNotContain("response.completed", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("deep")]
    [InlineData("error")]
    public async Task Combo_BadThenGood_AnswersFromGoodAfterTwoAttemptsAndBadOneRests(string fault)
    {
        await using var harness = await RouterHarness.StartAsync("""
            providers:
              - { id: bad, type: openai, base_url: "{upstream}", api_key: sk-bad-test-provider-key-00000000, models: [m] }
              - { id: good, type: openai, base_url: "{upstream2}", api_key: sk-good-test-provider-key-0000000, models: [m] }
            combos:
              - { name: pair, strategy: priority, targets: [bad/m, good/m] }
            """, secondUpstream: true);
        harness.Upstream.Enqueue(Fault(fault, "openai"));
        harness.Upstream2!.DefaultResponse = FakeResponse.Json(200, GoodChatAnswer);
        using var http = harness.Http();

        using var first = await RoutingTests.Post(http, "pair");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", first.Headers.GetValues("x-flowrouter-attempts").Single());
        Assert.Contains("Hello from good", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The bad answer counted as the target's failure (like a 5xx): it rests, so the next request skips it.
        using var second = await RoutingTests.Post(http, "pair");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("1", second.Headers.GetValues("x-flowrouter-attempts").Single());
        Assert.Single(harness.Upstream.Received);
    }

    [Fact]
    public async Task JsonAnswer_RateLimitErrorIn200_RestsUnderTheRateLimitRule()
    {
        await using var harness = await RouterHarness.StartAsync("""
            providers:
              - { id: bad, type: openai, base_url: "{upstream}", api_key: sk-bad-test-provider-key-00000000, models: [m] }
              - { id: good, type: openai, base_url: "{upstream2}", api_key: sk-good-test-provider-key-0000000, models: [m] }
            combos:
              - { name: pair, strategy: priority, targets: [bad/m, good/m] }
            """, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(200, """{"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min"}}"""));
        harness.Upstream2!.DefaultResponse = FakeResponse.Json(200, GoodChatAnswer);
        using var http = harness.Http();

        using var response = await RoutingTests.Post(http, "pair");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string id = response.Headers.GetValues("x-flowrouter-request-id").Single();
        var row = await WaitForRowAsync(harness, id);
        using var attempts = JsonDocument.Parse(row.AttemptsJson!);
        var bad = attempts.RootElement[0];
        Assert.Equal(("bad/m", 429, "rate-limit"), (bad.GetProperty("target").GetString(), bad.GetProperty("status").GetInt32(), bad.GetProperty("rule").GetString()));
    }

    private static async Task<FlowRouter.Storage.RequestLogRow> WaitForRowAsync(RouterHarness harness, string id)
    {
        for (int i = 0; i < 200; i++)
        {
            await harness.Server.Gateway.RequestLog.FlushAsync();
            if (harness.Server.Gateway.RequestLog.Recent(20).FirstOrDefault(r => r.Id == id) is { } row)
            {
                return row;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("request log row " + id + " never appeared");
    }

    internal const string GoodChatAnswer = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from good"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}""";

    internal enum Client
    {
        Chat,
        Messages,
        Responses,
        Gemini,
    }

    private static Client ClientFor(string type, string mode) => (type, mode) switch
    {
        ("openai", "passthrough") => Client.Chat,
        ("openai", _) => Client.Messages,
        ("anthropic", "passthrough") => Client.Messages,
        ("openai-responses", "passthrough") => Client.Responses,
        ("gemini", "passthrough") => Client.Gemini,
        _ => Client.Chat,
    };

    private static string ProviderId(string type) => type switch
    {
        "openai" => "oai",
        "anthropic" => "claude",
        "openai-responses" => "resp",
        _ => "gem",
    };

    private static string Target(string type) => type switch
    {
        "openai" => "oai/gpt-4o-mini",
        "anthropic" => "claude/claude-sonnet-4-5",
        "openai-responses" => "resp/gpt-4o-mini",
        _ => "gem/gemini-2.0-flash",
    };

    /// <summary>A 200 that is not an answer, as each upstream type would send it.</summary>
    private static FakeResponse Fault(string fault, string type) => fault switch
    {
        "html" => new FakeResponse { ContentType = "text/html", Body = "<html><body><h1>502 Bad Gateway</h1></body></html>"u8.ToArray() },
        "empty" => new FakeResponse { Body = [] },
        "garbage" => new FakeResponse { Body = [0x00, 0xFF, (byte)'{', (byte)'x', 0x1F, (byte)'}'] },
        "deep" => new FakeResponse { Body = Deep(10_000) },
        _ => FakeResponse.Json(200, type switch
        {
            "anthropic" => """{"type":"error","error":{"type":"api_error","message":"upstream hiccup"}}""",
            "gemini" => """{"error":{"code":500,"message":"upstream hiccup","status":"INTERNAL"}}""",
            _ => """{"error":{"message":"upstream hiccup","type":"server_error","param":null,"code":null}}""",
        }),
    };

    /// <summary>{"a":{"a":…1…}} nested <paramref name="depth"/> deep: well-formed, but no answer is that deep.</summary>
    internal static byte[] Deep(int depth)
    {
        var builder = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++)
        {
            builder.Append("{\"a\":");
        }
        builder.Append('1').Append('}', depth);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>A well-formed first stream event of each upstream type.</summary>
    private static string FirstEvent(string type) => type switch
    {
        "anthropic" => "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n",
        "openai-responses" => "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"in_progress\",\"model\":\"gpt-4o-mini\",\"output\":[],\"error\":null}}\n\n",
        "gemini" => "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]},\"index\":0}],\"modelVersion\":\"gemini-2.0-flash\"}\n\n",
        _ => "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
    };

    internal static HttpRequestMessage Request(Client client, string model, bool stream)
    {
        string s = stream ? "true" : "false";
        var (path, json) = client switch
        {
            Client.Messages => ("v1/messages", $$"""{"model":"{{model}}","max_tokens":32,"messages":[{"role":"user","content":"hi"}],"stream":{{s}}}"""),
            Client.Responses => ("v1/responses", $$"""{"model":"{{model}}","input":"hi","store":false,"stream":{{s}}}"""),
            Client.Gemini => ($"v1beta/models/{model}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""),
            _ => ("v1/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"stream":{{s}}}"""),
        };
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    /// <summary>Checks a 502 in the client protocol's own error shape and returns its message.</summary>
    internal static async Task<string> AssertBadGatewayAsync(HttpResponseMessage response, Client client)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var error = root.GetProperty("error");
        switch (client)
        {
            case Client.Messages:
                Assert.Equal("error", root.GetProperty("type").GetString());
                Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
                break;
            case Client.Gemini:
                Assert.Equal(502, error.GetProperty("code").GetInt32());
                Assert.False(string.IsNullOrEmpty(error.GetProperty("status").GetString()));
                break;
            default:
                Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
                break;
        }
        string message = error.GetProperty("message").GetString()!;
        Assert.DoesNotContain("internal error", message, StringComparison.OrdinalIgnoreCase);
        return message;
    }
}
