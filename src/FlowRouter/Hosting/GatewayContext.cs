using FlowRouter.Providers.Images;
using FlowRouter.Responses;
using FlowRouter.Routing;
using FlowRouter.Runtime;
using FlowRouter.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>The shared pieces every endpoint uses, built once at start-up (no per-request service lookups).</summary>
internal sealed class GatewayContext(
    ServerSettings settings,
    LiveConfig live,
    Runtime.Editing.ConfigEditor editor,
    SqliteStore store,
    RequestLogWriter requestLog,
    AttemptLoop attempts,
    ILoggerFactory loggers,
    TimeProvider time) : IAsyncDisposable
{
    public ServerSettings Settings => settings;
    /// <summary>The running config (file merged with the admin API's entries) and what was built from it.</summary>
    public LiveConfig Live => live;

    /// <summary>Changes the entries kept in the store (admin API), then swaps the merged config into <see cref="Live"/>.</summary>
    public Runtime.Editing.ConfigEditor Editor => editor;

    /// <summary>The running config; read once per use, as an admin change may swap it at any time.</summary>
    public Core.Config.FlowRouterConfig Config => live.Current.Config;

    public RouterState State => live.Current.State;
    public SqliteStore Store => store;
    public RequestLogWriter RequestLog => requestLog;
    public AttemptLoop Attempts => attempts;
    public ClientKeyAuthenticator Authenticator => live.Current.Authenticator;
    public ILoggerFactory Loggers => loggers;
    public TimeProvider Time => time;

    /// <summary>Which model made each thinking signature relayed so far (see <see cref="Routing.ReasoningOrigins"/>).</summary>
    public ReasoningOrigins ReasoningOrigins { get; } = new();

    /// <summary>Who may use /api and /metrics, with the admin login (password, token, OIDC) and its sessions.</summary>
    public AdminAccess Admin { get; } = new(new Login.AdminLogin(settings.Config.Server, store, time));

    /// <summary>Client keys' validity, allowances and limits (RPM, TPM, budgets), with their usage counters.</summary>
    public Limits.KeyPolicy Keys => live.Current.Keys;

    /// <summary>Stored Responses API answers (previous_response_id, GET/DELETE /v1/responses/{id}).</summary>
    public ResponseStore Responses { get; } = new(store, time);

    /// <summary>Condenses tool output in requests when the token saver is on (see <see cref="TokenSaving.RequestSavings"/>).</summary>
    public TokenSaving.ToolOutputSaver TokenSaver { get; } = new(TokenSaving.ToolOutputCompression.Compress);

    /// <summary>Finished requests as they happen, for GET /api/live.</summary>
    public Observability.RequestFeed Feed { get; } = new();

    /// <summary>The counters and histograms GET /metrics shows.</summary>
    public Observability.Metrics Metrics { get; } = new();

    /// <summary>Fetches image URLs for providers that take only inline images (Gemini), up to server.max_image_mb each and server.max_images_per_request_mb per request.</summary>
    public ImageFetcher Images { get; } = new(settings.Config.Server.MaxImageBytes, settings.Config.Server.MaxImagesPerRequestBytes);

    public async ValueTask DisposeAsync()
    {
        Images.Dispose();
        Admin.Login.Dispose();
        await Responses.DisposeAsync().ConfigureAwait(false);
        await requestLog.DisposeAsync().ConfigureAwait(false);
        live.Dispose();
        store.Dispose();
    }
}
