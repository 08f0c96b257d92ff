using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Bad input on /v1/messages: Anthropic's error shape and status, never a crash or a hang.</summary>
public sealed class AnthropicBadInputTests : IAsyncLifetime
{
    private RouterHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await RouterHarness.StartAsync("""
        server: { max_body_mb: 1 }
        providers:
          - id: claude
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-bad-input-key-000000000
        keys:
          - name: laptop
            key: flr_test_client_key_0123456789
        """);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(null, "{\"model\":\"claude/x\",\"max_tokens\":5,\"messages\":[]}", "application/json", 401, "authentication_error")]
    [InlineData(RouterHarness.ClientKey, "{\"model\":\"claude/x\",\"messages\":[]}", "application/json", 400, "invalid_request_error")]
    [InlineData(RouterHarness.ClientKey, "{\"model\":\"claude/x\",\"max_tokens\":5,\"messages\":[]}", "text/plain", 415, "invalid_request_error")]
    public async Task Messages_BadRequest_AnthropicErrorWithStatus(string? key, string body, string contentType, int status, string type)
    {
        using var http = _harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }
        using var response = await http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(type, json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(_harness.Upstream.Received);
    }

    [Fact]
    public async Task Messages_BodyOverLimit_Is413RequestTooLarge()
    {
        using var http = _harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = ChatCompletionsSdkTests.Json("{\"model\":\"claude/x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 1_100_000) + "\"}]}"),
        };
        request.Headers.Add("x-api-key", RouterHarness.ClientKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("request_too_large", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_FuzzedBodies_NeverCrashOrHang()
    {
        var random = new Random(7);
        var bodies = new List<byte[]>();
        foreach (string name in new[] { "tool-result-roundtrip", "thinking-tool-use", "image-base64" })
        {
            byte[] full = Fixtures.Load("anthropic-messages", name).RequestBody;
            for (int cut = 0; cut < full.Length; cut += Math.Max(1, full.Length / 50))
            {
                bodies.Add(full[..cut]);
            }
        }
        for (int i = 0; i < 100; i++)
        {
            var bytes = new byte[random.Next(0, 160)];
            random.NextBytes(bytes);
            bodies.Add(bytes);
        }
        using var http = _harness.Http();
        foreach (byte[] body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } } };
            request.Headers.Add("x-api-key", RouterHarness.ClientKey);
            using var response = await http.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        }
        Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync("health"));
    }
}
