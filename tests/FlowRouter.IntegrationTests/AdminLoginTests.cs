using System.Net;
using FlowRouter.Hosting.Login;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Admin login against the real server: password and token logins, the session cookie's flags, CSRF on cookie
/// mutations, logout, the per-address lockout, session expiry on the server's clock, and password changes.
/// </summary>
public sealed class AdminLoginTests
{
    internal const string Password = "correct horse battery staple";
    internal const string AdminToken = "admin-token-0123456789abcdef-xyz";

    /// <summary>
    /// <see cref="Password"/> hashed by the reference CLI with tiny parameters (64 KiB, 1 pass): verification follows the
    /// string's own parameters, so the many logins here cost next to no CPU, and the suite's timing-sensitive tests
    /// running beside them are not starved. Passwords set through the API or the CLI use the production parameters.
    ///   echo -n "correct horse battery staple" | argon2 "cheapsaltcheapsa" -id -t 1 -k 64 -p 1 -l 32 -e
    /// </summary>
    internal const string PasswordHash = "$argon2id$v=19$m=64,t=1,p=1$Y2hlYXBzYWx0Y2hlYXBzYQ$Bu4uvgb9kkhuIi9y9oOVS77lK0wcjzAPcUnMA9txtQ0";

    internal static string WithConfigPassword(string extra = "") =>
        RouterHarness.SingleProviderConfig($"server:\n  admin_password_hash: \"{PasswordHash}\"\n{extra}");

    private static string WithToken() => RouterHarness.SingleProviderConfig($"server:\n  admin_token: {AdminToken}\n");

    [Fact]
    public async Task PasswordLogin_StrictHttpOnlyCookie_OpensTheAdminApiAndMutationsNeedTheCsrfToken()
    {
        await using var harness = await RouterHarness.StartAsync(WithConfigPassword());
        using var admin = new AdminHttp(harness.BaseUri);

        // This machine no longer gets in without a login once a password is set.
        var anonymous = await admin.GetAsync("api/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("login_required", anonymous.ErrorCode);

        var (session, csrf, setCookie) = await admin.LoginAsync($$"""{"password":"{{Password}}"}""");
        var flags = setCookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", flags);
        Assert.Contains("samesite=strict", flags);
        Assert.Contains("path=/", flags);
        Assert.DoesNotContain("secure", flags); // plain http here; Secure is added on HTTPS
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(session).Length);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", session)).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("metrics", session)).Status);

        // Cookie-authenticated mutations: refused without the CSRF token (or with another one) …
        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Post, "api/providers/fake/test", (string?)null),
            (HttpMethod.Put, "api/settings/password", $$"""{"current_password":"{{Password}}","new_password":"another long password"}"""),
            (HttpMethod.Delete, "api/settings/password", null),
        })
        {
            var missing = await admin.SendAsync(method, path, body, session);
            Assert.Equal(HttpStatusCode.Forbidden, missing.Status);
            Assert.Equal("csrf_token_invalid", missing.ErrorCode);
            var wrong = await admin.SendAsync(method, path, body, session, csrf: csrf[..^2] + "xx");
            Assert.Equal("csrf_token_invalid", wrong.ErrorCode);
        }
        // … and past the access check with it (the password comes from the config file: 409, not 401/403).
        harness.Upstream.Enqueue(TestKit.FakeResponse.Json(200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}"""));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, "api/providers/fake/test", null, session, csrf)).Status);
        var put = await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"current_password":"{{Password}}","new_password":"another long password"}""", session, csrf);
        Assert.Equal(HttpStatusCode.Conflict, put.Status);
        Assert.Equal("password_from_config", put.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Delete, "api/settings/password", null, session, csrf)).Status);

        var logout = await admin.SendAsync(HttpMethod.Post, "api/logout", session: session);
        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.Contains(logout.SetCookies, c => c.StartsWith("flowrouter_session=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        var afterLogout = await admin.GetAsync("api/usage", session);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.Status);
    }

    [Fact]
    public async Task Session_SaysWhatALoginPageNeeds()
    {
        await using (var open = await RouterHarness.StartAsync())
        {
            using var admin = new AdminHttp(open.BaseUri);
            var state = (await admin.GetAsync("api/session")).Json;
            Assert.True(state.GetProperty("authenticated").GetBoolean()); // loopback, nothing configured
            Assert.False(state.GetProperty("login_required").GetBoolean());
            Assert.Equal(0, state.GetProperty("methods").GetArrayLength());
        }
        await using var harness = await RouterHarness.StartAsync(WithConfigPassword($"  admin_token: {AdminToken}\n"));
        using var client = new AdminHttp(harness.BaseUri);
        var anonymous = await client.GetAsync("api/session");
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.False(anonymous.Json.GetProperty("authenticated").GetBoolean());
        Assert.True(anonymous.Json.GetProperty("login_required").GetBoolean());
        Assert.Equal(["password", "token"], anonymous.Json.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!));
        Assert.False(anonymous.Json.TryGetProperty("csrf_token", out _));

        var (session, csrf, _) = await client.LoginAsync($$"""{"password":"{{Password}}"}""");
        var signedIn = (await client.GetAsync("api/session", session)).Json;
        Assert.True(signedIn.GetProperty("authenticated").GetBoolean());
        Assert.Equal(csrf, signedIn.GetProperty("csrf_token").GetString());
        var byToken = (await client.GetAsync("api/session", bearer: AdminToken)).Json;
        Assert.True(byToken.GetProperty("authenticated").GetBoolean());
        Assert.False(byToken.TryGetProperty("csrf_token", out _)); // no cookie, no CSRF token needed
    }

    [Fact]
    public async Task TokenLogin_OpensASession_AndBearerRequestsNeedNoCsrfToken()
    {
        await using var harness = await RouterHarness.StartAsync(WithToken());
        using var admin = new AdminHttp(harness.BaseUri);

        var wrong = await admin.SendAsync(HttpMethod.Post, "api/login", """{"token":"not-the-admin-token-at-all-000"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("invalid_credentials", wrong.ErrorCode);
        Assert.Equal("invalid_request_error", wrong.Json.GetProperty("error").GetProperty("type").GetString());
        var noPassword = await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"password":"{{Password}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noPassword.Status);
        Assert.Equal("login_method_unavailable", noPassword.ErrorCode);

        var (session, csrf, _) = await admin.LoginAsync($$"""{"token":"{{AdminToken}}"}""");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/quota", session)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Post, "api/providers/fake/test", session: session)).Status);

        harness.Upstream.Enqueue(TestKit.FakeResponse.Json(200, """{"object":"list","data":[]}"""));
        var byBearer = await admin.SendAsync(HttpMethod.Post, "api/providers/fake/test", bearer: AdminToken);
        Assert.Equal(HttpStatusCode.OK, byBearer.Status);
        var badBearer = await admin.GetAsync("api/quota", bearer: RouterHarness.ClientKey);
        Assert.Equal(HttpStatusCode.Unauthorized, badBearer.Status);
        Assert.Equal("invalid_admin_token", badBearer.ErrorCode);
        _ = csrf;
    }

    [Fact]
    public async Task WrongPassword_FiveTimes_Is429WithRetryAfterEvenForTheRightOne_AndEscalates()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await RouterHarness.StartAsync(WithConfigPassword(), time: time);
        using var admin = new AdminHttp(harness.BaseUri);
        string wrong = """{"password":"not the password at all"}""";
        string right = $$"""{"password":"{{Password}}"}""";

        for (int i = 0; i < 4; i++)
        {
            var reply = await admin.SendAsync(HttpMethod.Post, "api/login", wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
            Assert.Equal("invalid_credentials", reply.ErrorCode);
        }
        var locked = await admin.SendAsync(HttpMethod.Post, "api/login", wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Equal(TimeSpan.FromSeconds(60), locked.RetryAfter);
        Assert.Equal("login_locked", locked.ErrorCode);

        var rightButLocked = await admin.SendAsync(HttpMethod.Post, "api/login", right);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLocked.Status);
        Assert.Empty(rightButLocked.SetCookies);

        time.Advance(TimeSpan.FromSeconds(60));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await admin.SendAsync(HttpMethod.Post, "api/login", wrong)).Status);
        }
        var second = await admin.SendAsync(HttpMethod.Post, "api/login", wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), second.RetryAfter); // the second lockout doubles
        time.Advance(TimeSpan.FromSeconds(119));
        var stillLocked = await admin.SendAsync(HttpMethod.Post, "api/login", right);
        Assert.Equal(TimeSpan.FromSeconds(1), stillLocked.RetryAfter);

        time.Advance(TimeSpan.FromSeconds(1));
        await admin.LoginAsync(right);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("admin login locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_ExpiresWhenIdleTwelveHours_OnTheServerClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await RouterHarness.StartAsync(WithConfigPassword(), time: time);
        using var admin = new AdminHttp(harness.BaseUri);
        var (session, _, _) = await admin.LoginAsync($$"""{"password":"{{Password}}"}""");

        time.Advance(TimeSpan.FromHours(11));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", session)).Status);
        time.Advance(TimeSpan.FromHours(11)); // 22 h after login, but only 11 h idle
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", session)).Status);
        time.Advance(SessionStore.IdleTimeout);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage", session)).Status);

        var (busy, _, _) = await admin.LoginAsync($$"""{"password":"{{Password}}"}""");
        for (int i = 0; i < 15; i++) // 165 h of activity
        {
            time.Advance(TimeSpan.FromHours(11));
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", busy)).Status);
        }
        time.Advance(TimeSpan.FromHours(3)); // 7 days after login
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage", busy)).Status);
    }

    [Fact]
    public async Task PasswordApi_SetChangeRemove_WithTheCurrentPassword()
    {
        await using var harness = await RouterHarness.StartAsync(WithToken());
        using var admin = new AdminHttp(harness.BaseUri);
        const string second = "a second, longer password";

        var tooShort = await admin.SendAsync(HttpMethod.Put, "api/settings/password", """{"new_password":"short"}""", bearer: AdminToken);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.Equal("new_password", tooShort.Json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"new_password":"{{Password}}"}""", bearer: AdminToken)).Status);

        var (oldSession, _, _) = await admin.LoginAsync($$"""{"password":"{{Password}}"}""");
        var (mySession, myCsrf, _) = await admin.LoginAsync($$"""{"password":"{{Password}}"}""");
        var noCurrent = await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"new_password":"{{second}}"}""", mySession, myCsrf);
        Assert.Equal(HttpStatusCode.BadRequest, noCurrent.Status);
        var wrongCurrent = await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"current_password":"nope nope nope","new_password":"{{second}}"}""", mySession, myCsrf);
        Assert.Equal(HttpStatusCode.Forbidden, wrongCurrent.Status);
        Assert.Equal("current_password_invalid", wrongCurrent.ErrorCode);
        var changed = await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"current_password":"{{Password}}","new_password":"{{second}}"}""", mySession, myCsrf);
        Assert.Equal(HttpStatusCode.OK, changed.Status);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", mySession)).Status); // the caller's session goes on
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage", oldSession)).Status); // others opened with the old password end
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"password":"{{Password}}"}""")).Status);
        await admin.LoginAsync($$"""{"password":"{{second}}"}""");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", harness.Server.Gateway.Store.GetSetting(AdminPassword.SettingName), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Delete, "api/settings/password", null, mySession, myCsrf)).Status);
        var removed = await admin.SendAsync(HttpMethod.Delete, "api/settings/password", $$"""{"current_password":"{{second}}"}""", mySession, myCsrf);
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.False(removed.Json.GetProperty("password_set").GetBoolean());
        Assert.Null(harness.Server.Gateway.Store.GetSetting(AdminPassword.SettingName));
        Assert.Equal("login_method_unavailable", (await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"password":"{{second}}"}""")).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", mySession)).Status);
    }

    [Fact]
    public async Task StoredPassword_LoopbackServer_NeedsLoginToo_AndRemovingItReopensLoopback()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var admin = new AdminHttp(harness.BaseUri);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"new_password":"{{Password}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage")).Status);
        var (session, csrf, _) = await admin.LoginAsync($$"""{"password":"{{Password}}"}""");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Delete, "api/settings/password", $$"""{"current_password":"{{Password}}"}""", session, csrf)).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage")).Status);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheLoginEndpoints_AndEachIsRouted()
    {
        await using var harness = await RouterHarness.StartAsync(WithToken());
        using var admin = new AdminHttp(harness.BaseUri);
        var paths = (await admin.GetAsync("api/openapi.json", bearer: AdminToken)).Json.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/api/session", "get"), ("/api/login", "post"), ("/api/logout", "post"), ("/api/login/oidc", "get"), ("/api/settings/password", "put"), ("/api/settings/password", "delete") })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty(method, out _), $"{method} {path} is not documented");
            if (path != "/api/login/oidc") // mapped only when server.oidc is set (OidcLoginTests)
            {
                var reply = await admin.SendAsync(new HttpMethod(method.ToUpperInvariant()), path.TrimStart('/'), "{}", bearer: AdminToken);
                Assert.True(reply.Status is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed), $"{method} {path}: {reply.Status}");
            }
        }
    }
}
