using System.Net;
using System.Security.Cryptography;
using System.Text;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting.Login;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// Who may use the admin surface (/api, /metrics, later the dashboard). With no login configured (no admin password,
/// no admin token, no OIDC) only this machine, and the server refuses to start on a non-loopback address (see
/// <see cref="CheckBinding"/>). With any of them, every caller, this machine included, presents either the admin
/// token as 'Authorization: Bearer …' or a session cookie from POST /api/login; a cookie-authenticated POST, PUT,
/// PATCH or DELETE must also carry the session's CSRF token in X-CSRF-Token. Client keys never open it.
/// </summary>
internal sealed class AdminAccess(AdminLogin login)
{
    public const string CsrfHeader = "X-CSRF-Token";

    public AdminLogin Login => login;

    /// <summary>Null when the caller may pass, else the 401/403 to answer.</summary>
    public GatewayError? Check(HttpContext http)
    {
        string? bearer = BearerToken(http.Request);
        if (bearer is not null && login.TokenMatches(bearer))
        {
            return null;
        }
        var (passwordHash, _) = login.Password.Current();
        if (passwordHash is null && !login.TokenConfigured && !login.OidcConfigured)
        {
            var remote = http.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? null
                : new GatewayError(ErrorKind.PermissionDenied, 403,
                    "The admin API answers only this machine until a login is set up: an admin password ('flowrouter admin password'), server.admin_token or server.oidc.");
        }
        if (Session(http, passwordHash) is not { } session)
        {
            return bearer is not null
                ? new GatewayError(ErrorKind.Authentication, 401, "The admin API needs the admin token ('Authorization: Bearer <admin token>') or a login (POST /api/login).") { Code = "invalid_admin_token" }
                : new GatewayError(ErrorKind.Authentication, 401, "The admin API needs a login (POST /api/login) or the admin token ('Authorization: Bearer <admin token>').") { Code = "login_required" };
        }
        if (IsMutation(http.Request.Method) && !CsrfMatches(http.Request, session))
        {
            return new GatewayError(ErrorKind.PermissionDenied, 403,
                $"A change made with a session cookie needs the session's CSRF token in the {CsrfHeader} header (the csrf_token from POST /api/login or GET /api/session).") { Code = "csrf_token_invalid" };
        }
        return null;
    }

    /// <summary>The live session the request's cookie names (remembered on the request for later use), or null.</summary>
    public AdminSession? Session(HttpContext http, string? passwordHash)
    {
        if (AdminSession.Of(http) is { } known)
        {
            return known;
        }
        var session = login.Sessions.Find(http.Request.Cookies[SessionStore.CookieName], passwordHash);
        if (session is not null)
        {
            http.Items[typeof(AdminSession)] = session;
        }
        return session;
    }

    public static string? BearerToken(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private static bool IsMutation(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool CsrfMatches(HttpRequest request, AdminSession session)
    {
        string? presented = request.Headers[CsrfHeader];
        return presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(session.CsrfToken));
    }

    /// <summary>
    /// Refuses a start that would open the admin API to the network: a non-loopback address with no admin password
    /// (in the config or, <paramref name="passwordStored"/>, in the store), no admin token and no OIDC login.
    /// </summary>
    public static void CheckBinding(ServerConfig server, string host, bool passwordStored = false, string? dataDir = null)
    {
        if (!AdminLogin.IsLoopbackHost(host) && !passwordStored && server.AdminPasswordHash is null && server.AdminTokenSha256 is null && server.Oidc is null)
        {
            string command = dataDir is null ? "flowrouter admin password" : $"flowrouter admin password --data-dir {dataDir}";
            throw new Configuration.ConfigException(
                $"server.host: '{host}' is reachable from other machines, but no admin login is set up, so the admin API would be open to the network. " +
                $"Set an admin password with '{command}' (or server.admin_password_hash), or server.admin_token (24+ characters) / admin_token_sha256, " +
                "or server.oidc, or bind to 127.0.0.1.");
        }
    }
}
