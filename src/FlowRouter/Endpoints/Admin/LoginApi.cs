using System.Globalization;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Hosting.Login;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// POST /api/login ({"password"} or {"token"} → a session cookie and its CSRF token), POST /api/logout and
/// GET /api/session (what a login page asks first). All three answer without admin access: they are how one gets it.
/// </summary>
internal sealed class LoginApi(GatewayContext gateway)
{
    private readonly ILogger _log = gateway.Loggers.CreateLogger(LoginLog.Category);

    private AdminLogin Login => gateway.Admin.Login;

    public async Task LoginAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var address = http.Connection.RemoteIpAddress;
        var (fields, bad) = await AdminJsonBody.ReadAsync(http, "password", "token").ConfigureAwait(false);
        if (bad is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, bad).ConfigureAwait(false);
            return;
        }
        if (Login.Limiter.LockedFor(address) is { } wait)
        {
            await WriteLockedAsync(http, wait).ConfigureAwait(false);
            return;
        }
        var (method, ok, stamp, refusal) = await CheckAsync(fields!, http.RequestAborted).ConfigureAwait(false);
        if (refusal is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, refusal).ConfigureAwait(false);
            return;
        }
        if (!ok)
        {
            await FailedAsync(http, method, address).ConfigureAwait(false);
            return;
        }
        Login.Limiter.RecordSuccess(address);
        Login.Sessions.End(http.Request.Cookies[SessionStore.CookieName]); // a new login replaces the session it came with
        var (id, session) = Login.Sessions.Create(method, stamp);
        SessionCookie.Append(http, id);
        LoginLog.Succeeded(_log, method, address);
        await AdminResponses.WriteObjectAsync(http, json => json.WriteString("csrf_token", session.CsrfToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the password or token sent: whether it matched, and for a password the hash it matched (the session's
    /// stamp); or the answer to give instead (method not set up, busy, unusable hash, no credentials in the body).
    /// </summary>
    private async Task<(LoginMethod Method, bool Ok, string? Stamp, GatewayError? Refusal)> CheckAsync(Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (fields.TryGetValue("password", out string? password))
        {
            if (Login.Password.Current().Hash is not { } hash)
            {
                return (LoginMethod.Password, false, null, Unavailable("Password login is not enabled: no admin password is set (see 'flowrouter admin password')."));
            }
            if (await Login.VerifyPasswordAsync(password, hash, cancellationToken).ConfigureAwait(false) is not { } check)
            {
                return (LoginMethod.Password, false, null, AdminLogin.Busy);
            }
            if (check.Error is { } problem)
            {
                LoginLog.UnusableHash(_log, problem);
                return (LoginMethod.Password, false, null, new GatewayError(ErrorKind.Internal, 500,
                    $"The stored admin password hash cannot be used ({problem}); set the password again with 'flowrouter admin password'.") { Code = "password_hash_invalid" });
            }
            return (LoginMethod.Password, check.Matches, hash, null);
        }
        if (fields.TryGetValue("token", out string? token))
        {
            return Login.TokenConfigured
                ? (LoginMethod.Token, Login.TokenMatches(token), null, null)
                : (LoginMethod.Token, false, null, Unavailable("Token login is not enabled: server.admin_token is not set."));
        }
        return (LoginMethod.Password, false, null, GatewayError.InvalidRequest("Send {\"password\": \"…\"} or {\"token\": \"…\"}."));
    }

    public async Task LogoutAsync(HttpContext http)
    {
        // No CSRF token needed: ending a session is all this can do, and SameSite=Strict keeps other sites' requests
        // from carrying the cookie at all.
        Login.Sessions.End(http.Request.Cookies[SessionStore.CookieName]);
        SessionCookie.Delete(http);
        http.Response.Headers.CacheControl = "no-store";
        await AdminResponses.WriteObjectAsync(http, json => json.WriteBoolean("authenticated", false)).ConfigureAwait(false);
    }

    public async Task SessionAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var methods = Login.Methods(Login.Password.Current().Hash);
        bool authenticated = gateway.Admin.Check(http) is null;
        var session = authenticated ? AdminSession.Of(http) : null;
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteBoolean("authenticated", authenticated);
            json.WriteBoolean("login_required", methods.Count > 0);
            json.WriteStartArray("methods");
            foreach (string method in methods)
            {
                json.WriteStringValue(method);
            }
            json.WriteEndArray();
            if (session is not null)
            {
                json.WriteString("csrf_token", session.CsrfToken);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Counts the failure; the one that starts a lockout already answers 429.</summary>
    internal async Task FailedAsync(HttpContext http, LoginMethod method, System.Net.IPAddress? address, GatewayError? wrong = null)
    {
        LoginLog.Failed(_log, method, address);
        if (Login.Limiter.RecordFailure(address) is { } lockout)
        {
            LoginLog.LockedOut(_log, address, Seconds(lockout));
            await WriteLockedAsync(http, lockout).ConfigureAwait(false);
            return;
        }
        await ErrorResponses.WriteOpenAIAsync(http, wrong ?? new GatewayError(ErrorKind.Authentication, 401,
            method == LoginMethod.Password ? "Wrong password." : "Wrong admin token.") { Code = "invalid_credentials" }).ConfigureAwait(false);
    }

    internal static Task WriteLockedAsync(HttpContext http, TimeSpan wait)
    {
        int seconds = Seconds(wait);
        return ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.RateLimited, 429,
            string.Create(CultureInfo.InvariantCulture, $"Too many failed logins from this address; try again in {seconds} s."))
        { Code = "login_locked", RetryAfterSeconds = seconds });
    }

    private static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    private static GatewayError Unavailable(string message) => new(ErrorKind.InvalidRequest, 400, message) { Code = "login_method_unavailable" };
}
