using System.Net;
using System.Net.Sockets;
using FlowRouter.Core.Config;
using FlowRouter.Providers;
using FlowRouter.Providers.Http;

namespace FlowRouter.UnitTests.Providers;

/// <summary>
/// The connect limit rides on each request (a combo may set its own): a listener on 127.0.0.1 whose accept queue is
/// full never completes a new handshake, so the request's limit — not the provider's — decides when to give up.
/// </summary>
public sealed class ConnectLimitTests
{
    [Fact]
    public async Task RequestConnectLimit_ShorterThanTheProviders_IsTheOneThatFires()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        for (int i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            _ = filler.ConnectAsync(IPAddress.Loopback, port); // fills the accept queue; never accepted
        }
        await Task.Delay(100);
        var slowProviderTimeouts = TimeoutSettings.Default with { Connect = TimeSpan.FromSeconds(60) };
        using var provider = new ProviderRuntime(
            new ProviderConfig { Id = "p", Type = ProviderType.OpenAI, BaseUrl = $"http://127.0.0.1:{port}/v1" }, slowProviderTimeouts);
        var executor = new UpstreamExecutor(TimeProvider.System);
        var request = new UpstreamRequest("chat/completions", "{}"u8.ToArray(), Stream: false);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await executor.SendAsync(provider, request, CancellationToken.None, timeouts: slowProviderTimeouts with { Connect = TimeSpan.FromMilliseconds(300) });
        started.Stop();

        foreach (var filler in fillers)
        {
            filler.Dispose();
        }
        Assert.NotNull(result.Failure);
        Assert.Equal(504, result.Failure.Error.Status);
        Assert.Contains("connect", result.Failure.Error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }
}
