using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Limits;
using FlowRouter.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Configuration;

/// <summary>The swap of the running config: unchanged providers keep their runtimes, dropped ones are disposed after a grace period.</summary>
public sealed class LiveConfigTests
{
    private static FlowRouterConfig Config(params string[] providerDocs) => new()
    {
        Providers = providerDocs.Select(doc => ConfigDocuments.ReadProvider(doc)).ToArray(),
    };

    private const string A = """{"id":"a","type":"openai","base_url":"http://127.0.0.1:9/v1","api_key":"ka","models":["m"]}""";
    private const string B = """{"id":"b","type":"openai","base_url":"http://127.0.0.1:9/v1","api_key":"kb","models":["m"]}""";
    private const string BChanged = """{"id":"b","type":"openai","base_url":"http://127.0.0.1:9/v1","api_key":"kb2","models":["m"]}""";

    [Fact]
    public void Apply_SwapsEverythingAtOnce_KeepsUnchangedRuntimes_AndRetiresTheRestLater()
    {
        var time = new FakeTimeProvider();
        var handlers = new Dictionary<string, TrackedHandler>();
        using var live = new LiveConfig(Config(A, B), p => handlers[p.Id + ":" + p.ApiKeys[0]] = new TrackedHandler(), new InMemoryKeyUsageCounters(), time);
        var before = live.Current;
        var runtimeA = before.State.Providers[0];
        var runtimeB = before.State.Providers[1];
        FlowRouterConfig? announced = null;
        live.Applied += config => announced = config;

        live.Apply(Config(A, BChanged) with { Keys = [new ClientKeyConfig("k", new byte[32])] });

        var after = live.Current;
        Assert.NotSame(before, after);
        Assert.Same(runtimeA, after.State.Providers[0]);
        Assert.NotSame(runtimeB, after.State.Providers[1]);
        Assert.Equal("kb2", after.State.Providers[1].NextApiKey());
        Assert.NotNull(after.Keys.KeyNamed("k"));
        Assert.Null(before.Keys.KeyNamed("k"));
        Assert.Same(after.Config, announced);

        // The dropped runtime stays usable for requests that hold it until the grace period ends, then is disposed.
        time.Advance(LiveConfig.RetireAfter - TimeSpan.FromSeconds(1));
        Assert.False(handlers["b:kb"].Disposed);
        time.Advance(TimeSpan.FromSeconds(2));
        SpinWait.SpinUntil(() => handlers["b:kb"].Disposed, TimeSpan.FromSeconds(5));
        Assert.True(handlers["b:kb"].Disposed);
        Assert.False(handlers["a:ka"].Disposed);
        Assert.False(handlers["b:kb2"].Disposed);
    }

    private sealed class TrackedHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void DiscoveredModels_CarryOverForProvidersAtTheSameAddress()
    {
        using var live = new LiveConfig(Config(A), null, new InMemoryKeyUsageCounters(), new FakeTimeProvider());
        live.Current.State.SetDiscoveredModels("a", ["found"]);
        live.Apply(Config(A, B));
        Assert.True(live.Current.State.HasDiscovered("a"));
        Assert.False(live.Current.State.HasDiscovered("b"));
    }
}
