using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Limits;

namespace FlowRouter.Runtime;

/// <summary>
/// The running config and everything built from it (routes, client-key check, key limits), swapped as one snapshot
/// when the admin API changes an entry: a request reads <see cref="Current"/> once and never sees half an update.
/// Provider runtimes the new snapshot dropped are disposed after a grace period, so requests still using them finish.
/// </summary>
internal sealed class LiveConfig : IDisposable
{
    /// <summary>How long a dropped provider's connections stay open for the requests that were already using them.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(15);

    private readonly Lock _swapLock = new();
    private readonly Func<ProviderConfig, HttpMessageHandler?>? _handlers;
    private readonly IKeyUsageCounters _counters;
    private readonly TimeProvider _time;
    private readonly List<Providers.ProviderRuntime> _retiring = [];
    private volatile Snapshot _current;

    public LiveConfig(FlowRouterConfig config, Func<ProviderConfig, HttpMessageHandler?>? handlers, IKeyUsageCounters counters, TimeProvider time)
    {
        _handlers = handlers;
        _counters = counters;
        _time = time;
        _current = Build(config, previous: null);
    }

    /// <summary>One consistent view: the merged config and what was built from it.</summary>
    public sealed record Snapshot(FlowRouterConfig Config, RouterState State, ClientKeyAuthenticator Authenticator, KeyPolicy Keys);

    public Snapshot Current => _current;

    /// <summary>Raised after a swap (outside the request path): backups and model discovery follow the new config.</summary>
    public event Action<FlowRouterConfig>? Applied;

    public void Apply(FlowRouterConfig config)
    {
        lock (_swapLock)
        {
            var previous = _current;
            var next = Build(config, previous.State);
            _current = next;
            Retire(previous.State.NotKeptBy(next.State).ToArray());
        }
        Applied?.Invoke(config);
    }

    private Snapshot Build(FlowRouterConfig config, RouterState? previous) =>
        new(config, new RouterState(config, _handlers, previous), new ClientKeyAuthenticator(config), new KeyPolicy(config, _counters, _time));

    private void Retire(Providers.ProviderRuntime[] dropped)
    {
        if (dropped.Length == 0)
        {
            return;
        }
        _retiring.AddRange(dropped);
        _ = DisposeLaterAsync(dropped);
    }

    private async Task DisposeLaterAsync(Providers.ProviderRuntime[] dropped)
    {
        await Task.Delay(RetireAfter, _time).ConfigureAwait(false);
        lock (_swapLock)
        {
            foreach (var runtime in dropped)
            {
                if (_retiring.Remove(runtime))
                {
                    runtime.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_swapLock)
        {
            _current.State.DisposeProviders();
            foreach (var runtime in _retiring)
            {
                runtime.Dispose();
            }
            _retiring.Clear();
        }
    }
}
