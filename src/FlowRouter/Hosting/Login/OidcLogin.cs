using System.Security.Claims;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// Admin login through an OpenID Connect provider (server.oidc), with ASP.NET Core's OpenIdConnect handler:
/// authorization code flow with PKCE, the id token checked against the provider's discovery document and keys.
/// GET /api/login/oidc starts it; the provider sends the browser back to /api/login/oidc/callback, where an allowed
/// subject or email gets the same FlowRouter session cookie as a password login and a redirect to /, anyone else a
/// 403. ASP.NET's cookie authentication is not used (the handler's result never signs in anywhere: the session is
/// ours), and the handler's state and nonce are protected with an in-memory key (a login in flight across a restart
/// fails; nothing is written to disk). The handler is only registered when server.oidc is set.
/// </summary>
internal sealed class OidcLogin(OidcConfig config)
{
    public const string Scheme = "oidc";
    public const string StartPath = "/api/login/oidc";
    public const string CallbackPath = "/api/login/oidc/callback";

    private static readonly string[] BaseScopes = ["openid", "email", "profile"];

    private AdminLogin? _login;
    private ILogger? _log;

    public static void AddIfConfigured(WebApplicationBuilder builder, ServerConfig server)
    {
        if (server.Oidc is not { } config)
        {
            return;
        }
        var oidc = new OidcLogin(config);
        builder.Services.AddSingleton(oidc);
        // Not AddAuthentication(): that also adds Data Protection's key ring, which writes keys under ~/.aspnet.
        builder.Services.AddAuthenticationCore();
        builder.Services.AddWebEncoders();
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        // The handler's options come from server.oidc alone, never from an "Authentication" config section.
        builder.Services.AddSingleton<IAuthenticationConfigurationProvider>(new NoAuthenticationConfiguration());
        new AuthenticationBuilder(builder.Services).AddOpenIdConnect(Scheme, oidc.Configure);
    }

    /// <summary>
    /// WebApplication puts UseAuthentication() in front of every request once authentication services exist, unless
    /// the pipeline says it is already there. Only the callback needs the handler (<see cref="CallbackAsync"/> runs
    /// it), so /v1 traffic is spared a handler lookup per request. The key is the one ASP.NET Core's own
    /// UseAuthentication() sets; if it ever changed, the middleware would come back and the flow would still work.
    /// </summary>
    public static void KeepOffTheRequestPath(IApplicationBuilder app) => app.Properties["__AuthenticationMiddlewareSet"] = true;

    /// <summary>Connects the handler's events to the running gateway's sessions (built after the web host).</summary>
    public void Attach(AdminLogin login, ILoggerFactory loggers)
    {
        _login = login;
        _log = loggers.CreateLogger(LoginLog.Category);
    }

    private void Configure(OpenIdConnectOptions options)
    {
        options.Authority = config.Authority;
        options.ClientId = config.ClientId;
        options.ClientSecret = config.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // Query, not the handler's default form_post: the way back is then a top-level GET, which carries the
        // handler's SameSite=Lax correlation and nonce cookies without needing SameSite=None (and so HTTPS).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CallbackPath = CallbackPath;
        options.RequireHttpsMetadata = !Configuration.OidcSection.IsLoopback(new Uri(config.Authority));
        options.MapInboundClaims = false; // keep the token's own claim names: sub, email, email_verified
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.SignInScheme = "flowrouter-session"; // never signed in to: TokenValidated always ends the request
        options.Scope.Clear();
        foreach (string scope in BaseScopes.Concat(config.Scopes).Distinct(StringComparer.Ordinal))
        {
            options.Scope.Add(scope);
        }
        options.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = TokenValidatedAsync,
            OnRemoteFailure = RemoteFailureAsync,
        };
    }

    /// <summary>GET /api/login/oidc: off to the provider, back at the callback.</summary>
    public static Task StartAsync(HttpContext http) =>
        http.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = "/" });

    /// <summary>GET /api/login/oidc/callback: the handler reads the code, redeems it and validates the id token.</summary>
    public static async Task CallbackAsync(HttpContext http)
    {
        var handlers = http.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        if (await handlers.GetHandlerAsync(http, Scheme).ConfigureAwait(false) is IAuthenticationRequestHandler handler
            && await handler.HandleRequestAsync().ConfigureAwait(false))
        {
            return;
        }
        await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.Authentication, 401, "OIDC login did not complete.") { Code = "oidc_login_failed" }).ConfigureAwait(false);
    }

    /// <summary>True when the id token names an allowed subject, or an allowed email the provider has not marked unverified.</summary>
    public bool Allows(ClaimsPrincipal? principal)
    {
        string? subject = principal?.FindFirst("sub")?.Value;
        string? email = principal?.FindFirst("email")?.Value;
        bool emailUnverified = string.Equals(principal?.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase);
        return subject is not null && config.AllowedSubjects.Contains(subject, StringComparer.Ordinal)
            || email is not null && !emailUnverified && config.AllowedEmails.Contains(email, StringComparer.OrdinalIgnoreCase);
    }

    private async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        if (_login is null || !Allows(context.Principal))
        {
            if (_log is not null)
            {
                LoginLog.OidcRefused(_log, context.Principal?.FindFirst("sub")?.Value ?? "-", context.Principal?.FindFirst("email")?.Value ?? "-");
            }
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.PermissionDenied, 403,
                "This account may not sign in to FlowRouter: its subject or email is not in server.oidc allowed_subjects / allowed_emails.") { Code = "oidc_not_allowed" }).ConfigureAwait(false);
            return;
        }
        var (id, _) = _login.Sessions.Create(LoginMethod.Oidc, passwordStamp: null);
        SessionCookie.Append(http, id);
        if (_log is not null)
        {
            LoginLog.Succeeded(_log, LoginMethod.Oidc, http.Connection.RemoteIpAddress);
        }
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Redirect("/");
    }

    private sealed class NoAuthenticationConfiguration : IAuthenticationConfigurationProvider
    {
        public Microsoft.Extensions.Configuration.IConfiguration AuthenticationConfiguration { get; } =
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
    }

    private async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        if (_log is not null)
        {
            LoginLog.OidcFailed(_log, context.Failure?.Message ?? "unknown");
        }
        // The handler's message can quote what the provider sent; the log has it, the browser gets a plain answer.
        await ErrorResponses.WriteOpenAIAsync(context.HttpContext, new GatewayError(ErrorKind.Authentication, 401,
            "OIDC login failed; the server log says why.") { Code = "oidc_login_failed" }).ConfigureAwait(false);
    }
}
