using System.Net;
using FlowRouter.Endpoints;
using FlowRouter.Logging;
using FlowRouter.Providers.Http;
using FlowRouter.Providers.Catalog;
using FlowRouter.Routing;
using FlowRouter.Runtime;
using FlowRouter.Limits;
using FlowRouter.Runtime.Editing;
using FlowRouter.Storage.Secrets;
using FlowRouter.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>
/// The running gateway: store opened, routes built, Kestrel listening. Composition root for everything a request
/// touches; the CLI and the integration tests both start it through <see cref="StartAsync"/>.
/// </summary>
internal sealed partial class FlowRouterServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _discovery;
    private readonly DataDirOwner _dataDir;

    private FlowRouterServer(WebApplication app, GatewayContext gateway, CancellationTokenSource stopping, Task discovery, DataDirOwner dataDir)
    {
        _app = app;
        _dataDir = dataDir;
        Gateway = gateway;
        _stopping = stopping;
        _discovery = discovery;
    }

    public GatewayContext Gateway { get; }
    public Uri Address { get; private set; } = null!;

    public static async Task<FlowRouterServer> StartAsync(ServerSettings settings, ServerHooks? hooks = null)
    {
        hooks ??= new ServerHooks();
        ModelCatalog.Use(settings.Config.Routing.CatalogPath is { } catalog ? ModelCatalog.ReadOverride(catalog) : null);
        var dataDir = DataDirOwner.Acquire(settings.DataDir);
        SqliteStore? store = null;
        UsageJournal? journal = null;
        WebApplication app;
        try
        {
            store = SqliteStore.Open(settings.DataDir, hooks.Time);
            // Rows a killed predecessor had journaled but not committed go into the store before anything is served.
            journal = UsageJournal.Open(settings.DataDir, store, hooks.Time);
            // After the store opens: a password set with 'flowrouter admin password' counts as a login.
            AdminAccess.CheckBinding(settings.Config.Server, settings.Host, new Login.AdminPassword(settings.Config.Server, store).IsSet, settings.DataDir);
            app = Build(settings, hooks);
        }
        catch
        {
            journal?.Dispose();
            store?.Dispose();
            await dataDir.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var editor = new ConfigEditor(settings.Config, store, new SecretBox(MasterKey.Load(settings.DataDir, hooks.Environment)), hooks.Time);
        var live = new LiveConfig(editor.Compose(), hooks.UpstreamHandler, new InMemoryKeyUsageCounters(), hooks.Time);
        editor.Changed += live.Apply;
        var logger = app.Services.GetRequiredService<ILogger<FlowRouterServer>>();
        foreach (string problem in editor.Problems)
        {
            ConfigProblem(logger, problem);
        }
        if (journal.Replayed > 0)
        {
            JournalReplayed(logger, journal.Replayed);
        }
        var discovery = new ModelDiscovery(live, store, hooks.Time, app.Services.GetRequiredService<ILogger<ModelDiscovery>>());
        discovery.LoadCached();
        var gateway = new GatewayContext(settings, live, editor, store, new RequestLogWriter(store, journal),
            new AttemptLoop(new UpstreamExecutor(hooks.Time, UpstreamLimits.From(settings.Config.Server)), new RoutingRuntime(settings.Config.Routing, hooks.Time, hooks.Random, RequestCost.Estimate)),
            app.Services.GetRequiredService<ILoggerFactory>(), hooks.Time);
        app.Services.GetService<Login.OidcLogin>()?.Attach(gateway.Admin.Login, gateway.Loggers);
        GatewayRoutes.Map(app, gateway);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            await dataDir.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var stopping = new CancellationTokenSource();
        var discoveryTask = hooks.DiscoverModels ? discovery.RunAsync(stopping.Token) : Task.CompletedTask;
        var backupLogger = app.Services.GetRequiredService<ILogger<DataDirOwner>>();
        dataDir.ApplyBackups(live.Current.Config.Server, settings.DataDir, store, hooks.Time, backupLogger);
        live.Applied += config => dataDir.ApplyBackups(config.Server, settings.DataDir, store, hooks.Time, backupLogger);
        var watchTask = ConfigWatch.RunAsync(editor, hooks.Time, logger, stopping.Token);
        return new FlowRouterServer(app, gateway, stopping, Task.WhenAll(discoveryTask, watchTask), dataDir) { Address = ListeningAddress(app) };
    }

    private static WebApplication Build(ServerSettings settings, ServerHooks hooks)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (hooks.ConsoleLogging)
        {
            var console = new LineLoggerProvider(Console.OpenStandardOutput());
            builder.Logging.AddProvider(console);
            // Registered as an instance, so the container will not dispose (and flush) it: the server does.
            builder.Services.AddSingleton(console);
        }
        if (hooks.ExtraLogger is not null)
        {
            builder.Logging.AddProvider(hooks.ExtraLogger);
        }
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        // ASP.NET's own per-request lines would double ours; keep only its warnings.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(hooks.Time);
        Observability.OpenTelemetrySetup.AddIfConfigured(builder, Environment.GetEnvironmentVariable);
        Login.OidcLogin.AddIfConfigured(builder, settings.Config.Server);
        // Run request code on the socket's I/O thread instead of handing it to a pool worker: every hand-off is a
        // thread wake-up, and a proxy pays them on two sockets per request (bench/RESULTS.md: +22% req/s). Safe
        // because nothing on the request path blocks: the store and the log are written by background tasks.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // RequestBody enforces server.max_body_mb with a JSON error
            Listen(kestrel, settings.Host, settings.Port);
        });
        return builder.Build();
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string host, int port)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Use(KestrelGuard.Use));
            return;
        }
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new Configuration.ConfigException($"server.host: '{host}' is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or ::1)");
        }
        // Kestrel's own refusals get a JSON body, lenient Content-Length values are flagged (KestrelGuard).
        kestrel.Listen(address, port, listen => listen.Use(KestrelGuard.Use));
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var uri = new Uri(addresses.First());
        // 0.0.0.0 / [::] are not addresses a client can dial; report loopback with the bound port.
        return uri.Host is "0.0.0.0" or "[::]" ? new Uri($"http://127.0.0.1:{uri.Port}") : uri;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "config: {Problem}")]
    private static partial void ConfigProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "usage journal: {Rows} request-log rows from an unclean stop were replayed into the store")]
    private static partial void JournalReplayed(ILogger logger, int rows);

    /// <summary>Every mapped route as (pattern, method), for the test that holds the OpenAPI document to the routes.</summary>
    internal IEnumerable<(string Pattern, string Method)> Routes =>
        _app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (e.RoutePattern.RawText ?? "", m)));

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _discovery.ConfigureAwait(false);
        await Gateway.DisposeAsync().ConfigureAwait(false);
        // Last: the lock says "a server owns this store" until the final request-log rows are written.
        await _dataDir.DisposeAsync().ConfigureAwait(false);
        var console = _app.Services.GetService<LineLoggerProvider>();
        await _app.DisposeAsync().ConfigureAwait(false);
        console?.Dispose();
        _stopping.Dispose();
    }
}
