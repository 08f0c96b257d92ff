using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Bad input gets a clear OpenAI-shaped error with the right status, never a crash or a hang.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private RouterHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("server: { max_body_mb: 1 }"));

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("{\"model\":", 400, "not valid JSON")]
    [InlineData("[1,2]", 400, "JSON object")]
    [InlineData("{\"messages\":[]}", 400, "'model' is required")]
    [InlineData("{\"model\":42,\"messages\":[]}", 400, "'model' must be a string")]
    [InlineData("{\"model\":\"fake/gpt-4o-mini\"}", 400, "'messages'")]
    [InlineData("{\"model\":\"fake/gpt-4o-mini\",\"messages\":\"hi\"}", 400, "'messages'")]
    [InlineData("{\"model\":\"fake/gpt-4o-mini\",\"messages\":[],\"stream\":\"yes\"}", 400, "'stream'")]
    [InlineData("", 400, "empty")]
    public async Task ChatCompletions_BadBody_Is400WithClearMessage(string body, int status, string expected)
    {
        using var http = _harness.Http();
        using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(body));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await RoutingTests.ErrorMessage(response), StringComparison.Ordinal);
        Assert.Empty(_harness.Upstream.Received);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_Is413()
    {
        using var http = _harness.Http();
        string big = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 1_200_000) + "\"}]}";
        using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("max_body_mb", await RoutingTests.ErrorMessage(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_NonJsonContentType_Is415()
    {
        using var http = _harness.Http();
        using var response = await http.PostAsync("v1/chat/completions", new StringContent("model=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/nope", 404)]
    [InlineData("POST", "/v1/completions", 404)]
    [InlineData("GET", "/v1/chat/completions", 405)]
    public async Task UnknownRouteOrMethod_AnswersOpenAIErrorJson(string method, string path, int status)
    {
        using var http = _harness.Http();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await RoutingTests.ErrorMessage(response)));
    }

    [Fact]
    public async Task HealthAndReady_AnswerWhileServing()
    {
        using var http = _harness.Http();
        Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync("health"));
        using var ready = JsonDocument.Parse(await http.GetStringAsync("ready"));
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
    }

    /// <summary>
    /// Random bytes, random JSON-ish text and every truncation of real requests: each gets a 4xx JSON error or (for
    /// the rare body that is a valid request) an answer, the process keeps serving, and no request hangs.
    /// </summary>
    [Fact]
    public async Task ChatCompletions_FuzzedBodies_NeverCrashOrHang()
    {
        var random = new Random(20261125);
        var bodies = new List<byte[]>();
        foreach (string name in new[] { "tool-call-single", "image-base64", "stream-tool-call" })
        {
            byte[] request = Fixtures.Load("openai-chat", name).RequestBody;
            for (int cut = 0; cut < request.Length; cut += Math.Max(1, request.Length / 60))
            {
                bodies.Add(request[..cut]);
            }
        }
        string alphabet = "{}[]\":,0123456789.-+eEtruefalsn \\u\t\nmodelmessagesstream";
        for (int i = 0; i < 150; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                for (int j = 0; j < bytes.Length; j++)
                {
                    bytes[j] = (byte)alphabet[random.Next(alphabet.Length)];
                }
            }
            bodies.Add(bytes);
        }
        using var http = _harness.Http();
        http.Timeout = TimeSpan.FromSeconds(10);
        foreach (byte[] body in bodies)
        {
            using var content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
            using var response = await http.PostAsync("v1/chat/completions", content);
            int status = (int)response.StatusCode;
            Assert.True(status is 200 or (>= 400 and < 500), $"status {status} for body {Convert.ToBase64String(body)}");
            if (status != 200)
            {
                Assert.False(string.IsNullOrEmpty(await RoutingTests.ErrorMessage(response)));
            }
        }
        Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync("health"));
    }

    [Fact]
    public async Task RequestLog_DefaultLevel_HasOneLinePerRequestWithoutPromptOrSecrets()
    {
        using var http = _harness.Http();
        const string prompt = "my very private prompt text 12345";
        using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json(
            $$"""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"{{prompt}}"}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string id = response.Headers.GetValues("x-flowrouter-request-id").Single();
        // The line is written once the answer is out, so the client can read the answer a moment before it exists.
        for (int wait = 0; wait < 100 && !_harness.Logs.Lines.Any(l => l.Contains(id, StringComparison.Ordinal)); wait++)
        {
            await Task.Delay(20);
        }
        var lines = _harness.Logs.Lines.Where(l => l.Contains(id, StringComparison.Ordinal)).ToList();
        string line = Assert.Single(lines);
        Assert.Contains("model=fake/gpt-4o-mini provider=fake upstream_model=gpt-4o-mini status=200", line, StringComparison.Ordinal);
        Assert.Contains("tokens_in=11 tokens_out=9", line, StringComparison.Ordinal);
        foreach (string logLine in _harness.Logs.Lines)
        {
            Assert.DoesNotContain(prompt, logLine, StringComparison.Ordinal);
            Assert.DoesNotContain(RouterHarness.ProviderKey, logLine, StringComparison.Ordinal);
        }
    }
}
