using System.Collections.Concurrent;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using FlowRouter.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace FlowRouter.BrowserTests;

/// <summary>
/// The real server on 127.0.0.1:0 (temp data dir, a fake upstream as the only thing a provider can point at) and
/// Debian's headless chromium driven by Playwright. Every page it opens is watched: a console error, an uncaught
/// page error, an HTTP error the test did not announce, or a request to anything but 127.0.0.1 fails the test at
/// <see cref="AssertClean"/>. Requests that would leave the machine are aborted, not just noted.
/// </summary>
internal sealed class DashboardHarness : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _offMachine = new();
    private readonly ConcurrentDictionary<string, int> _expectedFailures = new();

    private DashboardHarness(FlowRouterServer server, FakeUpstream upstream, string dataDir, IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        Server = server;
        Upstream = upstream;
        _dataDir = dataDir;
        Playwright = playwright;
        Browser = browser;
        Context = context;
    }

    public FlowRouterServer Server { get; }
    public FakeUpstream Upstream { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }
    public IBrowserContext Context { get; }
    public string BaseUrl => Server.Address.ToString().TrimEnd('/');

    public static async Task<DashboardHarness> StartAsync(string yaml = "providers: []\n")
    {
        var upstream = await FakeUpstream.StartAsync();
        upstream.Models = ["gpt-4o-mini", "gpt-4o"];
        upstream.Responder = FakeChat.Respond;
        var config = ConfigLoader.Parse(yaml.Replace("{upstream}", upstream.BaseUrl, StringComparison.Ordinal), "test.yaml", _ => null);
        config = config with { Server = config.Server with { Port = 0 } };
        string dataDir = Path.Combine(Path.GetTempPath(), "flowrouter-browser-tests", Guid.NewGuid().ToString("N"));
        var server = await FlowRouterServer.StartAsync(new ServerSettings(config, dataDir, LogLevel.Warning),
            new ServerHooks { DiscoverModels = false, ConsoleLogging = false, Environment = _ => null });
        // The driver ships in the NuGet package; the browser is the system's, so nothing is ever downloaded.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
        var context = await browser.NewContextAsync(new()
        {
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new() { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(10_000);
        var harness = new DashboardHarness(server, upstream, dataDir, playwright, browser, context);
        await context.RouteAsync("**/*", harness.KeepOnMachineAsync);
        context.Page += (_, page) => harness.Watch(page);
        return harness;
    }

    /// <summary>Only 127.0.0.1 is ever reached: anything else is recorded and aborted.</summary>
    private async Task KeepOnMachineAsync(IRoute route)
    {
        var url = new Uri(route.Request.Url);
        if (url.Scheme is "data" or "blob" || url.Host == "127.0.0.1")
        {
            await route.ContinueAsync();
            return;
        }
        _offMachine.Enqueue(route.Request.Url);
        await route.AbortAsync();
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !(message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && IsExpected(message.Location)))
            {
                _problems.Enqueue($"console {message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsExpected(response.Url, response.Status))
            {
                _problems.Enqueue($"HTTP {response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // ERR_ABORTED is the page's own doing (leaving a page cancels its requests; the live feed is cut when its
            // tab closes); any other failure is a problem.
            if (request.Failure != "net::ERR_ABORTED" && !_offMachine.Contains(request.Url))
            {
                _problems.Enqueue($"request failed: {request.Method} {request.Url} {request.Failure}");
            }
        };
    }

    /// <summary>Announces that the next answer(s) from this path with this status are what the test wants.</summary>
    public void ExpectFailure(string path, int status) => _expectedFailures[$"{status} {path}"] = status;

    private bool IsExpected(string url, int status) => _expectedFailures.ContainsKey($"{status} {new Uri(url).AbsolutePath}");

    /// <summary>Chromium logs each failed load as a console error located at the resource ("url:line:col"), without its status.</summary>
    private bool IsExpected(string location) =>
        _expectedFailures.Keys.Any(k => location.Contains(k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..], StringComparison.Ordinal));

    public async Task<IPage> NewPageAsync(string hash = "#/overview")
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/{hash}");
        return page;
    }

    /// <summary>No console error, page error, unannounced HTTP error, or request off the machine so far.</summary>
    public void AssertClean()
    {
        Assert.True(_offMachine.IsEmpty, "requests left 127.0.0.1: " + string.Join(", ", _offMachine));
        Assert.True(_problems.IsEmpty, "the browser reported problems:\n" + string.Join("\n", _problems));
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await Browser.CloseAsync();
        Playwright.Dispose();
        await Server.DisposeAsync();
        await Upstream.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp dir is harmless
        }
    }
}
