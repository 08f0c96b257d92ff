using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using FlowRouter.TestKit;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The real server on 127.0.0.1:0 with a temp data dir, configured from YAML in which {upstream} / {upstream2}
/// stand for fake upstreams' base URLs (…/v1) and {upstream-root} / {upstream2-root} for their host roots. Captures every log line so tests can check what is (not) logged.
/// </summary>
internal sealed class RouterHarness : IAsyncDisposable
{
    public const string ClientKey = "flr_test_client_key_0123456789";
    public const string ProviderKey = "sk-test-provider-secret-abcdefghijklmnop";

    private readonly string _dataDir;
    private bool _deleteDataDir = true;

    private RouterHarness(FlowRouterServer server, FakeUpstream upstream, FakeUpstream? upstream2, string dataDir, CapturingLoggerProvider logs)
    {
        Server = server;
        Upstream = upstream;
        Upstream2 = upstream2;
        _dataDir = dataDir;
        Logs = logs;
    }

    public FlowRouterServer Server { get; }
    public FakeUpstream Upstream { get; }
    public FakeUpstream? Upstream2 { get; }
    public CapturingLoggerProvider Logs { get; }
    public string DataDir => _dataDir;
    public Uri BaseUri => Server.Address;
    public Uri V1 => new(Server.Address, "v1/");

    public static string SingleProviderConfig(string extra = "") => $$"""
        providers:
          - id: fake
            type: openai
            base_url: {upstream}
            api_keys: ["{{ProviderKey}}"]
            models: [gpt-4o-mini, gpt-4o-mini-2024-07-18, o3-mini, gpt-4o-search-preview, gpt-4o]
            timeouts: { first_byte_seconds: 5, idle_seconds: 5 }
        {{extra}}
        """;

    /// <param name="time">The server's clock (a FakeTimeProvider for expiry tests); null: the system clock.</param>
    /// <param name="dataDir">A data dir to use (prepared with the CLI, or kept for a restart; left behind); null: a fresh one, deleted afterwards.</param>
    /// <param name="environment">Where FLOWROUTER_MASTER_KEY is looked up; null: nowhere (the data dir's key file is used).</param>
    public static async Task<RouterHarness> StartAsync(string? yaml = null, bool secondUpstream = false, LogLevel logLevel = LogLevel.Information,
        TimeProvider? time = null, string? dataDir = null, Func<string, string?>? environment = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var upstream2 = secondUpstream ? await FakeUpstream.StartAsync() : null;
        yaml ??= SingleProviderConfig();
        yaml = yaml.Replace("{upstream-root}", upstream.RootUrl, StringComparison.Ordinal).Replace("{upstream}", upstream.BaseUrl, StringComparison.Ordinal);
        if (upstream2 is not null)
        {
            yaml = yaml.Replace("{upstream2-root}", upstream2.RootUrl, StringComparison.Ordinal).Replace("{upstream2}", upstream2.BaseUrl, StringComparison.Ordinal);
        }
        var config = ConfigLoader.Parse(yaml, "test.yaml", _ => null);
        config = config with { Server = config.Server with { Port = 0 } };
        bool ownDataDir = dataDir is null;
        dataDir ??= NewDataDir();
        var logs = new CapturingLoggerProvider();
        var server = await FlowRouterServer.StartAsync(
            new ServerSettings(config, dataDir, logLevel),
            new ServerHooks
            {
                ExtraLogger = logs, DiscoverModels = false, ConsoleLogging = false,
                Time = time ?? TimeProvider.System, Environment = environment ?? (_ => null),
            });
        return new RouterHarness(server, upstream, upstream2, dataDir, logs) { _deleteDataDir = ownDataDir };
    }

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "flowrouter-tests", Guid.NewGuid().ToString("N"));

    public ChatClient Chat(string model, string? key = ClientKey) =>
        new(model, new ApiKeyCredential(key ?? "unused"), new OpenAIClientOptions
        {
            Endpoint = V1,
            // The SDK retries 429/5xx by itself; tests must see the first answer.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(30),
        });

    public OpenAI.Responses.ResponsesClient Responses(string? key = ClientKey) =>
        new(new ApiKeyCredential(key ?? "unused"), new OpenAI.Responses.ResponsesClientOptions
        {
            Endpoint = V1,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(30),
        });

    public Anthropic.AnthropicClient Anthropic(string? key = ClientKey) => new()
    {
        BaseUrl = BaseUri.ToString().TrimEnd('/'),
        ApiKey = key ?? "unused",
        // The SDK retries 429/5xx by itself; tests must see the first answer.
        MaxRetries = 0,
    };

    public HttpClient Http() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Upstream.DisposeAsync();
        if (Upstream2 is not null)
        {
            await Upstream2.DisposeAsync();
        }
        try
        {
            if (_deleteDataDir)
            {
                Directory.Delete(_dataDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // a leftover temp dir is harmless
        }
    }
}

/// <summary>Keeps every formatted log line (any level) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
