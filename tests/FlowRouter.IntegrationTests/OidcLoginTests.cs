using System.Net;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// OIDC login end to end against <see cref="FakeOpenIdProvider"/> on 127.0.0.1: the browser's part is played by an
/// HttpClient with a cookie jar that follows no redirects, so every hop (FlowRouter → provider → callback → /) is seen.
/// </summary>
public sealed class OidcLoginTests
{
    private static string Config(FakeOpenIdProvider provider, string allowed) => RouterHarness.SingleProviderConfig($"""
        server:
          oidc:
            authority: "{provider.Authority}"
            client_id: {FakeOpenIdProvider.ClientId}
            client_secret: {FakeOpenIdProvider.ClientSecret}
            {allowed}
        """);

    /// <summary>Walks the code flow; returns the callback's answer and the cookie jar.</summary>
    private static async Task<(HttpResponseMessage Callback, CookieContainer Jar)> SignInAsync(RouterHarness harness)
    {
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var start = await browser.GetAsync(new Uri(harness.BaseUri, "api/login/oidc"));
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, $"{start.StatusCode}: {string.Join("\n", harness.Logs.Lines)}");
        var authorize = start.Headers.Location!;
        Assert.EndsWith("/authorize", authorize.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("response_mode=form_post", authorize.Query, StringComparison.Ordinal); // query: the code flow's default
        using var atProvider = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, atProvider.StatusCode);
        var callback = atProvider.Headers.Location!;
        Assert.Equal("/api/login/oidc/callback", callback.AbsolutePath);
        return (await browser.GetAsync(callback), jar);
    }

    [Fact]
    public async Task OidcLogin_AllowedEmail_GetsTheSessionCookieAndARedirectHome()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var harness = await RouterHarness.StartAsync(Config(provider, "allowed_emails: [Admin@Example.com]"));
        using var admin = new AdminHttp(harness.BaseUri);
        var state = (await admin.GetAsync("api/session")).Json;
        Assert.Equal(["oidc"], state.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!));
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage")).Status);

        var (callback, jar) = await SignInAsync(harness);
        using (callback)
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.Equal("/", callback.Headers.Location!.OriginalString);
            string setCookie = Assert.Single(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("flowrouter_session=", StringComparison.Ordinal));
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(1, provider.Redeemed);
        string session = jar.GetCookies(harness.BaseUri)["flowrouter_session"]!.Value;
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", session)).Status);
        var signedIn = (await admin.GetAsync("api/session", session)).Json;
        Assert.True(signedIn.GetProperty("authenticated").GetBoolean());
        string csrf = signedIn.GetProperty("csrf_token").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Post, "api/providers/fake/test", session: session)).Status);
        harness.Upstream.Enqueue(FakeResponse.Json(200, """{"object":"list","data":[]}"""));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, "api/providers/fake/test", session: session, csrf: csrf)).Status);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("admin login method=Oidc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OidcLogin_AllowedSubject_SignsIn()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        provider.Email = "someone-else@example.com";
        await using var harness = await RouterHarness.StartAsync(Config(provider, $"allowed_subjects: [{provider.Subject}]"));
        var (callback, jar) = await SignInAsync(harness);
        using (callback)
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        }
        Assert.NotNull(jar.GetCookies(harness.BaseUri)["flowrouter_session"]);
    }

    [Theory]
    [InlineData("nobody@example.com", true)]
    [InlineData("admin@example.com", false)] // allowed address, but the provider says it is not verified
    public async Task OidcLogin_NotAllowed_Is403WithoutASession(string email, bool verified)
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        provider.Email = email;
        provider.EmailVerified = verified;
        await using var harness = await RouterHarness.StartAsync(Config(provider, "allowed_emails: [admin@example.com]"));
        var (callback, jar) = await SignInAsync(harness);
        using (callback)
        {
            Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
            Assert.Contains("oidc_not_allowed", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Null(jar.GetCookies(harness.BaseUri)["flowrouter_session"]);
        Assert.Equal(1, provider.Redeemed); // the token was checked; the account was what got refused
        Assert.Contains(harness.Logs.Lines, l => l.Contains("OIDC login refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OidcCallback_ForgedOrReplayed_IsRefused()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var harness = await RouterHarness.StartAsync(Config(provider, "allowed_emails: [admin@example.com]"));
        using var stranger = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var forged = await stranger.GetAsync(new Uri(harness.BaseUri, "api/login/oidc/callback?code=abc&state=xyz"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("oidc_login_failed", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(forged.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("flowrouter_session=", StringComparison.Ordinal));
        Assert.Equal(0, provider.Redeemed);
    }

    [Fact]
    public async Task OidcLogin_NotConfigured_IsUnknownRoute()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var admin = new AdminHttp(harness.BaseUri);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/login/oidc")).Status);
    }
}
