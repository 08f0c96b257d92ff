using System.Net;
using System.Text;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>Streams are relayed as they arrive, never gathered whole.</summary>
public sealed class StreamingRelayTests
{
    [Fact]
    public async Task Stream_UpstreamPausesMidStream_ClientAlreadyHasEveryEventSentSoFar()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig().Replace("idle_seconds: 5", "idle_seconds: 30", StringComparison.Ordinal));
        // Three events, then the upstream goes quiet without ending the stream.
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")) with { CutAfterEvents = 3, HangAfterHeaders = true });
        using var http = harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (CountEvents(received.ToString()) < 3)
        {
            int read = await body.ReadAsync(buffer, patience.Token);
            Assert.NotEqual(0, read);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        Assert.Equal(3, CountEvents(received.ToString()));
        Assert.False(harness.Upstream.LastRequest!.Aborted.IsCompleted);
    }

    private static int CountEvents(string text) => text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length;
}
