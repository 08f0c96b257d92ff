using FlowRouter.Core.Config;
using FlowRouter.Providers.Http;

namespace FlowRouter.Providers;

/// <summary>
/// A configured provider ready to call: its config, one pooled HTTP client (DESIGN.md §4) and its key rotation.
/// Lives as long as the config snapshot that made it.
/// </summary>
public sealed class ProviderRuntime : IDisposable
{
    private readonly HttpMessageInvoker _http;
    private int _nextKey = -1;

    public ProviderRuntime(ProviderConfig config, TimeoutSettings serverTimeouts, HttpMessageHandler? handler = null)
    {
        Config = config;
        Timeouts = config.Timeouts ?? serverTimeouts;
        _http = new HttpMessageInvoker(handler ?? UpstreamHandlerFactory.Create(Timeouts), disposeHandler: true);
        BaseUri = new Uri(config.BaseUrl.TrimEnd('/') + "/");
    }

    public ProviderConfig Config { get; }
    public string Id => Config.Id;
    public ProviderType Type => Config.Type;
    public TimeoutSettings Timeouts { get; }

    /// <summary>The base URL with exactly one trailing slash, so relative paths append to it.</summary>
    public Uri BaseUri { get; }

    public HttpMessageInvoker Http => _http;

    /// <summary>The key to use for the next request: keys take turns so load spreads over all of them.</summary>
    public string? NextApiKey()
    {
        var keys = Config.ApiKeys;
        if (keys.Count == 0)
        {
            return null;
        }
        int turn = Interlocked.Increment(ref _nextKey);
        return keys[(int)((uint)turn % (uint)keys.Count)];
    }

    /// <summary>The next key position in turn (callers take it modulo the key count and skip resting keys).</summary>
    public int NextKeyTurn() => Interlocked.Increment(ref _nextKey);

    /// <summary>The key at a position, or null for a provider without keys (a local server).</summary>
    public string? ApiKeyAt(int position) => position >= 0 && position < Config.ApiKeys.Count ? Config.ApiKeys[position] : null;

    public Uri Endpoint(string relativePath) => new(BaseUri, relativePath);

    public void Dispose() => _http.Dispose();
}
