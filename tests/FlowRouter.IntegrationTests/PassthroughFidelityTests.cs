using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Same protocol in and out, no transforms: what the client receives is what the upstream sent, byte for byte, and
/// what the upstream receives is what the client sent with only "model" changed.
/// </summary>
public sealed class PassthroughFidelityTests : IAsyncLifetime
{
    private RouterHarness _harness = null!;

    public static TheoryData<string> Cases() => new(Fixtures.Cases("openai-chat"));

    // No models list: with discovery off, any fake/<model> address is passed to the upstream as is.
    public async Task InitializeAsync() => _harness = await RouterHarness.StartAsync("""
        providers:
          - id: fake
            type: openai
            base_url: {upstream}
            api_key: sk-fidelity-test-key-0000000000
        """);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ChatCompletions_EveryFixture_ClientGetsUpstreamBytesAndUpstreamGetsClientBody(string name)
    {
        var fixture = Fixtures.Load("openai-chat", name);
        _harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        var clientBody = JsonNode.Parse(fixture.RequestBody)!.AsObject();
        string upstreamModel = clientBody["model"]!.GetValue<string>();
        clientBody["model"] = "fake/" + upstreamModel;

        using var http = _harness.Http();
        using var response = await http.PostAsync("v1/chat/completions", new ByteArrayContent(Encoding.UTF8.GetBytes(clientBody.ToJsonString())) { Headers = { { "Content-Type", "application/json" } } });
        byte[] received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(fixture.Status, (int)response.StatusCode);
        if (fixture.Status == 200)
        {
            Assert.Equal(Encoding.UTF8.GetString(fixture.ResponseBody), Encoding.UTF8.GetString(received));
        }
        else
        {
            AssertSameError(fixture.ResponseBody, received);
        }
        AssertOnlyModelChanged(fixture, _harness.Upstream.LastRequest!.Body, upstreamModel);
    }

    /// <summary>Upstream errors keep their type, code and param; the message gains the provider's name in front.</summary>
    private static void AssertSameError(byte[] expected, byte[] actual)
    {
        using var want = JsonDocument.Parse(expected);
        using var got = JsonDocument.Parse(actual);
        var w = want.RootElement.GetProperty("error");
        var g = got.RootElement.GetProperty("error");
        Assert.Equal(w.GetProperty("type").ToString(), g.GetProperty("type").ToString());
        Assert.Equal(w.GetProperty("code").ToString(), g.GetProperty("code").ToString());
        Assert.Equal(w.GetProperty("param").ToString(), g.GetProperty("param").ToString());
        Assert.Equal("fake: " + w.GetProperty("message").GetString(), g.GetProperty("message").GetString());
    }

    /// <summary>
    /// The upstream body equals the client's except "model"; a streamed request without stream_options also gains
    /// "stream_options":{"include_usage":true} so FlowRouter can count its tokens.
    /// </summary>
    private static void AssertOnlyModelChanged(FixtureCase fixture, byte[] upstreamBody, string upstreamModel)
    {
        var expected = JsonNode.Parse(fixture.RequestBody)!.AsObject();
        expected["model"] = upstreamModel;
        var actual = JsonNode.Parse(upstreamBody)!.AsObject();
        if (fixture.Stream && !expected.ContainsKey("stream_options"))
        {
            Assert.Equal("""{"include_usage":true}""", actual["stream_options"]!.ToJsonString());
            actual.Remove("stream_options");
        }
        Assert.True(JsonNode.DeepEquals(expected, actual), $"upstream body differs:\n{actual}\nexpected:\n{expected}");
    }
}
