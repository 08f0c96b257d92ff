using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;
using Xunit.Abstractions;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// "Never stops": three faulty upstreams (429 with Retry-After, 500, 529, connection reset, a stall before the
/// headers, a stall after them, an overloaded error inside a 200 stream, a stream cut before its first event) and
/// one healthy upstream behind one combo; 2,000 mixed requests, half streamed, through every ingress protocol. Every
/// fault happens before the answer commits, so the client must never see one. After commitment, a cut reaches the
/// client as its own protocol's in-stream error.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const int Requests = 2000;
    private const int Parallel = 32;

    private static readonly FixtureCase Text = Fixtures.Load("openai-chat", "text-basic");
    private static readonly FixtureCase Stream = Fixtures.Load("openai-chat", "stream-text-usage");

    /// <summary>One of the faults, chosen per request: everything a provider does wrong before its first event.</summary>
    private static FakeResponse Fault(ReceivedRequest request, Random random, int[] served)
    {
        bool streamed = request.BodyText.Contains("\"stream\":true", StringComparison.Ordinal);
        var healthy = FakeResponse.FromFixture(streamed ? Stream : Text);
        int fault = random.Next(8);
        Interlocked.Increment(ref served[fault]);
        return fault switch
        {
            0 => FakeResponse.Json(429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", ("retry-after", "1")),
            1 => FakeResponse.Json(500, """{"error":{"message":"internal error","type":"server_error"}}"""),
            2 => FakeResponse.Json(529, """{"error":{"message":"Overloaded","type":"overloaded_error"}}"""),
            3 => new FakeResponse { Reset = true },
            4 => healthy with { DelayBeforeHeaders = TimeSpan.FromSeconds(3) },
            5 => streamed ? healthy with { CutAfterEvents = 0, HangAfterHeaders = true } : healthy with { HangAfterHeaders = true, Events = null },
            6 => streamed ? FakeResponse.Sse("""{"error":{"message":"Overloaded","type":"overloaded_error"}}""") : FakeResponse.Json(503, """{"error":{"message":"unavailable"}}"""),
            _ => streamed ? healthy with { CutAfterEvents = 0 } : new FakeResponse { Reset = true },
        };
    }

    private static string Config(string a, string b, string c) => $$"""
        providers:
          - { id: faulty-a, type: openai, base_url: "{{a}}", api_key: sk-a-0000000000000000, models: [m], timeouts: { first_byte_seconds: 0.3, idle_seconds: 0.5 } }
          - { id: faulty-b, type: openai, base_url: "{{b}}", api_key: sk-b-0000000000000000, models: [m], timeouts: { first_byte_seconds: 0.3, idle_seconds: 0.5 } }
          - { id: faulty-c, type: openai, base_url: "{{c}}", api_key: sk-c-0000000000000000, models: [m], timeouts: { first_byte_seconds: 0.3, idle_seconds: 0.5 } }
          - { id: healthy, type: openai, base_url: "{upstream2}", api_key: sk-h-0000000000000000, models: [m] }
        combos:
          - name: resilient
            strategy: random
            targets: [faulty-a/m, faulty-b/m, faulty-c/m, healthy/m]
        routing:
          # Rests of 50 ms instead of the default backoff (1 s and up), so the faulty upstreams keep being tried
          # within the test's few seconds; the rule table, rests and probes are all still in play.
          failure_rules:
            - { name: test-short-rest, status: [429, 500, 502, 503, 529], action: next-target, cooldown: fixed, seconds: 0.05 }
            - { name: test-short-rest-network, no_answer: true, action: next-target, cooldown: fixed, seconds: 0.05 }
        """;

    [Fact]
    public async Task MixedTraffic_ThroughFaultyUpstreams_ZeroClientVisibleFailures()
    {
        await using var b = await FakeUpstream.StartAsync();
        await using var c = await FakeUpstream.StartAsync();
        await using var harness = await RouterHarness.StartAsync(Config("{upstream}", b.BaseUrl, c.BaseUrl), secondUpstream: true);
        int seed = 0;
        var served = new int[8];
        foreach (var faulty in new[] { harness.Upstream, b, c })
        {
            var random = new Random(++seed);
            faulty.Responder = request => { lock (random) { return Fault(request, random, served); } };
        }
        harness.Upstream2!.Responder = request => FakeResponse.FromFixture(request.BodyText.Contains("\"stream\":true", StringComparison.Ordinal) ? Stream : Text);

        using var http = harness.Http();
        var failures = new List<string>();
        var latencies = new List<double>();
        int fallbacks = 0;
        using var gate = new SemaphoreSlim(Parallel);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (protocol, streamed) = ((Protocol)(i % 4), i % 2 == 0);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(RequestFor(protocol, streamed));
                string body = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                string? problem = response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}: {body}" : Check(protocol, streamed, body);
                lock (failures)
                {
                    latencies.Add(elapsed);
                    fallbacks += int.Parse(response.Headers.GetValues("x-flowrouter-attempts").FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture) > 1 ? 1 : 0;
                    if (problem is not null)
                    {
                        failures.Add($"#{i} {protocol} stream={streamed}: {problem}");
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        latencies.Sort();
        int faultsServed = new[] { harness.Upstream, b, c }.Sum(u => u.Received.Count);
        output.WriteLine($"faults by kind (429, 500, 529, reset, stall before headers, stall after headers, overloaded in 200 stream / 503, cut before first event): {string.Join(", ", served)}");
        output.WriteLine($"requests={Requests} client-visible failures={failures.Count} requests that fell back={fallbacks} faults served by the faulty upstreams={faultsServed} " +
            $"p50={latencies[latencies.Count / 2]:0.0} ms p99={latencies[(int)(latencies.Count * 0.99)]:0.0} ms wall={clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.All(served, count => Assert.True(count > 0, "every kind of fault must have been served at least once: " + string.Join(", ", served)));
    }

    [Theory]
    [InlineData(Protocol.Chat, "data: {\"error\"")]
    [InlineData(Protocol.Messages, "event: error")]
    [InlineData(Protocol.Responses, "event: response.failed")]
    [InlineData(Protocol.Gemini, "\"error\"")]
    public async Task CutAfterCommitment_EveryProtocolGetsItsOwnInStreamError(Protocol protocol, string errorMarker)
    {
        await using var harness = await RouterHarness.StartAsync(Config("{upstream}", "http://127.0.0.1:9/v1", "http://127.0.0.1:9/v1"), secondUpstream: true);
        harness.Upstream2!.Responder = _ => FakeResponse.FromFixture(Stream) with { CutAfterEvents = 3 };
        harness.Upstream.Responder = _ => FakeResponse.Json(500, """{"error":{"message":"down"}}""");
        using var http = harness.Http();

        // The healthy target's stream is cut after its first events: nothing can fall back invisibly any more.
        using var response = await http.SendAsync(RequestFor(protocol, streamed: true, model: "healthy/m"));
        string body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains(errorMarker, body, StringComparison.Ordinal);
        Assert.Null(Check(protocol, streamed: true, body) is null ? "the cut stream looked complete" : null);
    }

    public enum Protocol
    {
        Chat,
        Messages,
        Responses,
        Gemini,
    }

    private static HttpRequestMessage RequestFor(Protocol protocol, bool streamed, string model = "resilient")
    {
        string s = streamed ? "true" : "false";
        var (path, body) = protocol switch
        {
            Protocol.Chat => ("v1/chat/completions", $$"""{"model":"{{model}}","stream":{{s}},"messages":[{"role":"user","content":"hi"}]}"""),
            Protocol.Messages => ("v1/messages", $$"""{"model":"{{model}}","max_tokens":64,"stream":{{s}},"messages":[{"role":"user","content":"hi"}]}"""),
            Protocol.Responses => ("v1/responses", $$"""{"model":"{{model}}","stream":{{s}},"store":false,"input":"hi"}"""),
            _ => (streamed ? $"v1beta/models/{model}:streamGenerateContent?alt=sse" : $"v1beta/models/{model}:generateContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer anything");
        return request;
    }

    /// <summary>Null when the answer is complete and well formed for its protocol, else what is wrong.</summary>
    private static string? Check(Protocol protocol, bool streamed, string body)
    {
        if (!streamed)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            bool ok = protocol switch
            {
                Protocol.Chat => root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!.Length > 0,
                Protocol.Messages => root.GetProperty("type").GetString() == "message" && root.GetProperty("content").GetArrayLength() > 0,
                Protocol.Responses => root.GetProperty("status").GetString() == "completed",
                _ => root.GetProperty("candidates")[0].TryGetProperty("finishReason", out _),
            };
            return ok ? null : "incomplete JSON answer: " + body;
        }
        bool complete = protocol switch
        {
            Protocol.Chat => body.TrimEnd().EndsWith("data: [DONE]", StringComparison.Ordinal) && !body.Contains("\"error\"", StringComparison.Ordinal),
            Protocol.Messages => body.Contains("event: message_stop", StringComparison.Ordinal) && !body.Contains("event: error", StringComparison.Ordinal),
            Protocol.Responses => body.Contains("event: response.completed", StringComparison.Ordinal) && !body.Contains("response.failed", StringComparison.Ordinal),
            _ => body.Contains("\"finishReason\"", StringComparison.Ordinal) && !body.Contains("\"error\"", StringComparison.Ordinal),
        };
        return complete ? null : "incomplete stream: " + body[Math.Max(0, body.Length - 400)..];
    }
}
