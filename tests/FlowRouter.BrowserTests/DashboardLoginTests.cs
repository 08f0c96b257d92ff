using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlowRouter.BrowserTests;

/// <summary>The admin login in a real browser: a password set from Settings, the login page, a wrong and a right
/// password, a change that needs the CSRF token, and logging out.</summary>
public sealed class DashboardLoginTests
{
    private const string Password = "correct horse battery";

    [ChromiumFact]
    public async Task Dashboard_WithAPasswordSet_LogsInAndOut()
    {
        await using var harness = await DashboardHarness.StartAsync();
        var page = await harness.NewPageAsync("#/settings");

        // Set the password from the keyboard: type, Tab, type, Enter.
        await page.GetByLabel("New password", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Password set")).ToBeVisibleAsync();

        // From now on the dashboard needs a login.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to FlowRouter" })).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await Screenshots.TakeAsync(page, "login-light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Screenshots.TakeAsync(page, "login-dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        harness.ExpectFailure("/api/login", 401);
        var password = page.GetByLabel("Admin password");
        await Expect(password).ToBeFocusedAsync();
        await password.FillAsync("not the password");
        await password.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong password.");

        await password.FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeVisibleAsync();

        // A change through the session (POST with the CSRF token).
        await page.GetByRole(AriaRole.Button, new() { Name = "Create backup now" }).ClickAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("Backup flowrouter-.*written"))).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to FlowRouter" })).ToBeVisibleAsync();
        await Expect(page.GetByText("You are logged out.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in to FlowRouter" })).ToBeVisibleAsync();
        harness.AssertClean();
    }
}
