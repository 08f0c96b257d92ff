using FlowRouter.Providers.Http;
using FlowRouter.Storage;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Runtime;

/// <summary>
/// Fills in model lists for providers configured without one: first from the store's cache (no network at start-up,
/// so the first request is answered at once), then from the provider's own list in the background, refreshed every
/// few hours, and at once for providers a config change adds. A provider that cannot be listed still serves
/// provider/model addresses.
/// </summary>
internal sealed partial class ModelDiscovery
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(6);

    private readonly LiveConfig _live;
    private readonly IModelCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<ModelDiscovery> _logger;
    private readonly System.Threading.Channels.Channel<bool> _configChanged =
        System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public ModelDiscovery(LiveConfig live, IModelCache cache, TimeProvider time, ILogger<ModelDiscovery> logger)
    {
        _live = live;
        _cache = cache;
        _time = time;
        _logger = logger;
        live.Applied += _ =>
        {
            LoadCached();
            WakeUp();
        };
    }

    public void LoadCached()
    {
        var state = _live.Current.State;
        foreach (var provider in state.Providers)
        {
            if (provider.Config.Models is null && !state.HasDiscovered(provider.Id) && _cache.LoadModels(provider.Id, provider.Config.BaseUrl) is { } cached)
            {
                state.SetDiscoveredModels(provider.Id, cached.Models);
            }
        }
    }

    private void WakeUp() => _configChanged.Writer.TryWrite(true); // false: a wake-up is already pending

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await RefreshStaleAsync(stopping).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var delay = Task.Delay(RefreshEvery, _time, wait.Token);
                await Task.WhenAny(delay, _configChanged.Reader.ReadAsync(wait.Token).AsTask()).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task RefreshStaleAsync(CancellationToken stopping)
    {
        foreach (var provider in _live.Current.State.Providers)
        {
            if (provider.Config.Models is not null || !provider.Config.Enabled || !ModelListClient.CanList(provider))
            {
                continue;
            }
            var cached = _cache.LoadModels(provider.Id, provider.Config.BaseUrl);
            if (cached is { } c && _time.GetUtcNow() - c.FetchedAt < RefreshEvery)
            {
                continue;
            }
            var (models, error) = await ModelListClient.FetchAsync(provider, stopping).ConfigureAwait(false);
            if (models is null)
            {
                LogListFailed(_logger, provider.Id, error ?? "unknown error");
                continue;
            }
            _cache.SaveModels(provider.Id, provider.Config.BaseUrl, models, _time.GetUtcNow());
            _live.Current.State.SetDiscoveredModels(provider.Id, models);
            LogListed(_logger, provider.Id, models.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "provider {Provider}: {Count} models discovered")]
    private static partial void LogListed(ILogger logger, string provider, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "provider {Provider}: could not list models ({Error}); provider/model addresses still work")]
    private static partial void LogListFailed(ILogger logger, string provider, string error);
}
