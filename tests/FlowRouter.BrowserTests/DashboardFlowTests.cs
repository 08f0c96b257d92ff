using System.Text.Json;
using System.Text.RegularExpressions;
using FlowRouter.TestKit;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlowRouter.BrowserTests;

/// <summary>
/// The dashboard in a real browser, the way a person meets FlowRouter: add a provider pointing at a fake upstream,
/// test it, build a combo, create a key, chat in the Playground (streamed), watch it in Live and Usage with its
/// tokens and cost, revoke the key and see the next request refused. Screenshots of every page, light and dark.
/// </summary>
public sealed class DashboardFlowTests
{
    private static readonly string[] Pages = ["overview", "providers", "combos", "keys", "usage", "live", "playground", "settings"];

    [ChromiumFact]
    public async Task Dashboard_ProviderComboKeyChatLiveUsageRevoke_WorksEndToEnd()
    {
        await using var harness = await DashboardHarness.StartAsync();
        var page = await harness.NewPageAsync();

        // A first start says what to do next.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add your first provider" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "first-start-light");

        await AddProviderAsync(page, harness);
        await CreateComboAsync(page);
        string key = await CreateKeyWithTheKeyboardAsync(page);

        // Live is open in a second tab before anything is sent: the row must arrive through the event stream.
        var live = await harness.NewPageAsync("#/live");
        await Expect(live.Locator("#live-state")).ToHaveTextAsync("Live");

        // The combo's first target (fake/gpt-4o-mini) fails once: the answer comes from the second, and the log says why.
        harness.Upstream.Enqueue(FakeResponse.Json(503, """{"error":{"message":"temporarily unavailable","type":"server_error"}}"""));
        await page.GetByRole(AriaRole.Link, new() { Name = "Playground" }).ClickAsync();
        await Expect(page.Locator(".page-playground[data-ready]")).ToHaveCountAsync(1);
        await page.GetByLabel("Model").FillAsync("chat");
        await page.GetByLabel("Client key").FillAsync(key);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Say hello");
        await page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        var bubble = page.Locator(".bubble.assistant").Last;
        await Expect(bubble.Locator(".answer")).ToHaveTextAsync(FakeChat.Answer);
        await Expect(bubble.Locator(".meta")).ToContainTextAsync("answered by fake/gpt-4o");
        await Expect(bubble.Locator(".meta")).ToContainTextAsync("1,234 tokens in · 56 out");
        await Expect(bubble.Locator(".meta")).ToContainTextAsync(Cost);
        await Expect(bubble.Locator(".meta")).ToContainTextAsync("2 attempts");

        var row = live.Locator("tbody tr").Filter(new() { HasText = "fake/gpt-4o" }).First;
        await Expect(row).ToContainTextAsync("e2e");
        await Expect(row).ToContainTextAsync("1,234 → 56");
        await Expect(row).ToContainTextAsync("200");
        await Expect(live.Locator("#live-state")).ToHaveTextAsync("Live");
        await live.CloseAsync();

        await CheckUsageAsync(page, harness);
        await RevokeAsync(page, harness, key);
        await ThemeToggleIsRememberedAsync(page);
        await ScreenshotEveryPageAsync(page);
        await page.SetViewportSizeAsync(380, 800);
        await page.GotoAsync($"{harness.BaseUrl}/#/overview");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "overview-narrow-light");
        harness.AssertClean();
    }

    private static async Task AddProviderAsync(IPage page, DashboardHarness harness)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Providers" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add a provider" });
        await Expect(dialog.Locator(".preset-grid button strong")).ToHaveTextAsync(
            ["OpenAI", "Anthropic", "Google Gemini", "DeepSeek", "Groq", "Mistral", "OpenRouter", "Together AI", "xAI", "Fireworks AI", "Ollama", "LM Studio", "vLLM", "Any OpenAI-compatible"]);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Any OpenAI-compatible" }).ClickAsync();
        await dialog.GetByLabel("Provider id").FillAsync("fake");
        await dialog.GetByLabel("Base URL").FillAsync(harness.Upstream.BaseUrl);
        await dialog.GetByLabel("API keys").FillAsync("sk-browser-test-0000000000wxyz");
        await dialog.GetByLabel("Models").FillAsync("gpt-4o-mini, gpt-4o");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText("Provider fake added.")).ToBeVisibleAsync();

        var card = page.Locator("[data-provider=fake]");
        await Expect(card).ToContainTextAsync("…wxyz");
        await Expect(card).Not.ToContainTextAsync("sk-browser-test");
        await card.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connected: 2 models found.");
        await Expect(card.GetByRole(AriaRole.List, new() { Name = "Models" }).First).ToContainTextAsync("gpt-4o-mini");
    }

    private static async Task CreateComboAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Combos" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New combo" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New combo" });
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("chat");
        var add = dialog.GetByLabel("Add a target");
        await add.FillAsync("fake/gpt-4o");
        await add.PressAsync("Enter");
        await add.FillAsync("fake/gpt-4o-mini");
        await add.PressAsync("Enter");
        var targets = dialog.Locator("ol.targets .target-name");
        await Expect(targets).ToHaveTextAsync(["fake/gpt-4o", "fake/gpt-4o-mini"]);

        // Drag the second onto the first, then the arrow buttons (keyboard) down and up again.
        await dialog.Locator("ol.targets li").Nth(1).DragToAsync(dialog.Locator("ol.targets li").Nth(0));
        await Expect(targets).ToHaveTextAsync(["fake/gpt-4o-mini", "fake/gpt-4o"]);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Move fake/gpt-4o-mini down" }).PressAsync("Enter");
        await Expect(targets).ToHaveTextAsync(["fake/gpt-4o", "fake/gpt-4o-mini"]);
        await page.Keyboard.PressAsync("Enter"); // focus stays on the moved target's button: up again
        await Expect(targets).ToHaveTextAsync(["fake/gpt-4o-mini", "fake/gpt-4o"]);

        await dialog.GetByLabel("Strategy").SelectOptionAsync("priority");
        await dialog.GetByLabel("Hedge", new() { Exact = true }).SelectOptionAsync("ms");
        await dialog.GetByLabel("Hedge after (ms)").FillAsync("5000");
        await dialog.GetByLabel("First byte (s)").FillAsync("30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create combo" }).ClickAsync();
        await Expect(page.GetByText("Combo chat created.")).ToBeVisibleAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = "chat" });
        await Expect(row.GetByRole(AriaRole.List, new() { Name = "Targets of chat" }).Locator("li")).ToHaveTextAsync(["fake/gpt-4o-mini", "fake/gpt-4o"]);
        await Expect(row).ToContainTextAsync("after 5 s");
    }

    /// <summary>The whole key form by keyboard: Enter on the button, type, Tab between fields, Enter to submit.</summary>
    private static async Task<string> CreateKeyWithTheKeyboardAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No client keys yet" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create a client key" });
        await Expect(dialog.GetByLabel("Name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("e2e");
        await page.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByLabel("Requests per minute")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("600");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByLabel("Daily budget (USD)")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("5");
        await page.Keyboard.PressAsync("Enter");

        var shown = page.GetByRole(AriaRole.Dialog, new() { Name = "Key e2e created" });
        await Expect(shown).ToContainTextAsync("shown only once");
        string key = await shown.GetByLabel("The new client key").InputValueAsync();
        Assert.Matches("^flr_[A-Za-z0-9_-]{43}$", key);
        await Expect(shown.GetByRole(AriaRole.Button, new() { Name = "Copy key" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(shown).ToHaveCountAsync(0);
        var row = page.Locator("tbody tr").Filter(new() { HasText = "e2e" });
        await Expect(row).ToContainTextAsync("active");
        await Expect(row).ToContainTextAsync("600 req/min");
        await Expect(row).ToContainTextAsync("$0.00 of $5.00 today");
        await Expect(row).Not.ToContainTextAsync(key);
        return key;
    }

    private static async Task CheckUsageAsync(IPage page, DashboardHarness harness)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await page.GetByLabel("Key", new() { Exact = true }).SelectOptionAsync("e2e");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "e2e" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("fake/gpt-4o");
        await Expect(row).ToContainTextAsync("1,234 → 56");
        await Expect(row).ToContainTextAsync(Cost);
        Assert.Contains("key=e2e", page.Url, StringComparison.Ordinal);
        string csv = (await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href"))!;
        Assert.StartsWith("/api/requests.csv?", csv, StringComparison.Ordinal);
        Assert.Contains("key=e2e", csv, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        string text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        await row.GetByRole(AriaRole.Button).First.ClickAsync();
        var details = page.GetByRole(AriaRole.Dialog);
        var attempts = details.Locator("tbody tr");
        await Expect(attempts).ToHaveCountAsync(2);
        await Expect(attempts.Nth(0)).ToContainTextAsync("fake/gpt-4o-mini");
        await Expect(attempts.Nth(0)).ToContainTextAsync("503");
        await Expect(attempts.Nth(0)).ToContainTextAsync("server-error");
        await Expect(attempts.Nth(1)).ToContainTextAsync("fake/gpt-4o");
        await Expect(attempts.Nth(1)).ToContainTextAsync("200");
        await Screenshots.TakeAsync(page, "request-details-light");
        await details.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).Last.ClickAsync();

        // The same figures as the store holds.
        using var http = new HttpClient { BaseAddress = harness.Server.Address };
        using var log = JsonDocument.Parse(await http.GetStringAsync("api/requests?key=e2e"));
        var stored = Assert.Single(log.RootElement.GetProperty("requests").EnumerateArray());
        Assert.Equal(FakeChat.PromptTokens, stored.GetProperty("input_tokens").GetInt32());
        Assert.Equal(0.003645, stored.GetProperty("cost_usd").GetDouble(), 6);
    }

    private static async Task RevokeAsync(IPage page, DashboardHarness harness, string key)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke e2e" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = "e2e" })).ToContainTextAsync("revoked");

        harness.ExpectFailure("/v1/chat/completions", 401);
        await page.GetByRole(AriaRole.Link, new() { Name = "Playground" }).ClickAsync();
        await Expect(page.Locator(".page-playground[data-ready]")).ToHaveCountAsync(1);
        await page.GetByLabel("Model").FillAsync("chat");
        await page.GetByLabel("Client key").FillAsync(key);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Still there?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Client key 'e2e' has been revoked. (HTTP 401)");
        await Expect(page.Locator(".bubble.assistant")).ToHaveCountAsync(0);
    }

    private static async Task ThemeToggleIsRememberedAsync(IPage page)
    {
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await toggle.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light theme" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.EvaluateAsync("() => localStorage.removeItem('flowrouter.theme')");
        await page.ReloadAsync();
        await Expect(page.Locator("html")).Not.ToHaveAttributeAsync("data-theme", new Regex("."));
    }

    private static async Task ScreenshotEveryPageAsync(IPage page)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            string theme = scheme == ColorScheme.Dark ? "dark" : "light";
            foreach (string name in Pages)
            {
                await page.GetByRole(AriaRole.Link, new() { Name = char.ToUpperInvariant(name[0]) + name[1..], Exact = true }).ClickAsync();
                await Expect(page.Locator($".page-{name} h1")).ToBeVisibleAsync();
                await Expect(page.Locator("main .loading")).ToHaveCountAsync(0);
                await Screenshots.TakeAsync(page, $"{name}-{theme}");
            }
        }
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
    }

    /// <summary>gpt-4o at list price (catalog: $2.50 in, $10 out per 1M): 1,234 × 2.5e-6 + 56 × 1e-5 = $0.003645.</summary>
    private const string Cost = "$0.0036";
}
