using FlowRouter.Providers.Http;
using FlowRouter.Storage;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Runtime;

/// <summary>
/// Fills in model lists for providers configured without one: first from the store's cache (no network at start-up,
/// so the first request is answered at once), then from the provider's own list in the background, refreshed every
/// few hours. A provider that cannot be listed still serves provider/model addresses.
/// </summary>
internal sealed partial class ModelDiscovery(RouterState state, IModelCache cache, TimeProvider time, ILogger<ModelDiscovery> logger)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(6);

    public void LoadCached()
    {
        foreach (var provider in state.Providers)
        {
            if (provider.Config.Models is null && cache.LoadModels(provider.Id, provider.Config.BaseUrl) is { } cached)
            {
                state.SetDiscoveredModels(provider.Id, cached.Models);
            }
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await RefreshStaleAsync(stopping).ConfigureAwait(false);
                await Task.Delay(RefreshEvery, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task RefreshStaleAsync(CancellationToken stopping)
    {
        foreach (var provider in state.Providers)
        {
            if (provider.Config.Models is not null || !provider.Config.Enabled || !ModelListClient.CanList(provider))
            {
                continue;
            }
            var cached = cache.LoadModels(provider.Id, provider.Config.BaseUrl);
            if (cached is { } c && time.GetUtcNow() - c.FetchedAt < RefreshEvery)
            {
                continue;
            }
            var (models, error) = await ModelListClient.FetchAsync(provider, stopping).ConfigureAwait(false);
            if (models is null)
            {
                LogListFailed(logger, provider.Id, error ?? "unknown error");
                continue;
            }
            cache.SaveModels(provider.Id, provider.Config.BaseUrl, models, time.GetUtcNow());
            state.SetDiscoveredModels(provider.Id, models);
            LogListed(logger, provider.Id, models.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "provider {Provider}: {Count} models discovered")]
    private static partial void LogListed(ILogger logger, string provider, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "provider {Provider}: could not list models ({Error}); provider/model addresses still work")]
    private static partial void LogListFailed(ILogger logger, string provider, string error);
}
