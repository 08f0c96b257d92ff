using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Hosting.Login;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// PUT /api/settings/password {"current_password", "new_password"} and DELETE /api/settings/password
/// {"current_password"}: the stored admin password (argon2id). Admin access required, and the current password while
/// one is set (wrong guesses count towards the login lockout). 409 when the password comes from the config file.
/// Other sessions opened with the old password end; the caller's own keeps going.
/// </summary>
internal sealed class PasswordApi(GatewayContext gateway, LoginApi logins)
{
    private readonly ILogger _log = gateway.Loggers.CreateLogger(LoginLog.Category);

    private AdminLogin Login => gateway.Admin.Login;

    public Task SetAsync(HttpContext http) => ChangeAsync(http, remove: false);

    public Task ClearAsync(HttpContext http) => ChangeAsync(http, remove: true);

    private async Task ChangeAsync(HttpContext http, bool remove)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var (hash, source) = Login.Password.Current();
        if (source == PasswordSource.Config)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.InvalidRequest, 409,
                "The admin password comes from the config file (server.admin_password_hash); change it there.") { Code = "password_from_config" }).ConfigureAwait(false);
            return;
        }
        var (fields, bad) = await AdminJsonBody.ReadAsync(http, "current_password", "new_password").ConfigureAwait(false);
        if (bad is not null)
        {
            await ErrorResponses.WriteOpenAIAsync(http, bad).ConfigureAwait(false);
            return;
        }
        if (hash is not null && !await CurrentPasswordAcceptedAsync(http, hash, fields!).ConfigureAwait(false))
        {
            return;
        }
        if (remove)
        {
            await RemoveAsync(http).ConfigureAwait(false);
            return;
        }
        if (!fields!.TryGetValue("new_password", out string? next) || next.Length is < PasswordHasher.MinPasswordLength or > PasswordHasher.MaxPasswordLength)
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.InvalidRequest(
                $"new_password must be {PasswordHasher.MinPasswordLength} to {PasswordHasher.MaxPasswordLength} characters long.", "new_password")).ConfigureAwait(false);
            return;
        }
        if (await Login.HashPasswordAsync(next, http.RequestAborted).ConfigureAwait(false) is not { } newHash)
        {
            await ErrorResponses.WriteOpenAIAsync(http, AdminLogin.Busy).ConfigureAwait(false);
            return;
        }
        await Task.Run(() => Login.Password.Store(newHash, Login.Time.GetUtcNow())).ConfigureAwait(false);
        if (AdminSession.Of(http) is { PasswordStamp: not null } own)
        {
            own.PasswordStamp = newHash;
        }
        LoginLog.PasswordChanged(_log, "set", http.Connection.RemoteIpAddress);
        await AdminResponses.WriteObjectAsync(http, json => json.WriteBoolean("password_set", true)).ConfigureAwait(false);
    }

    private async Task RemoveAsync(HttpContext http)
    {
        if (!AdminLogin.IsLoopbackHost(gateway.Settings.Host) && !Login.TokenConfigured && !Login.OidcConfigured)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.InvalidRequest, 409,
                $"FlowRouter listens on {gateway.Settings.Host}, and the password is its only admin login: without it the admin API would answer nobody. " +
                "Set server.admin_token or server.oidc first, or bind to 127.0.0.1.") { Code = "last_login_method" }).ConfigureAwait(false);
            return;
        }
        await Task.Run(() => Login.Password.Store(null, Login.Time.GetUtcNow())).ConfigureAwait(false);
        if (AdminSession.Of(http) is { } own)
        {
            own.PasswordStamp = null;
        }
        LoginLog.PasswordChanged(_log, "removed", http.Connection.RemoteIpAddress);
        await AdminResponses.WriteObjectAsync(http, json => json.WriteBoolean("password_set", false)).ConfigureAwait(false);
    }

    /// <summary>Checks current_password; false when the answer (400, 403 or 429) has been written.</summary>
    private async Task<bool> CurrentPasswordAcceptedAsync(HttpContext http, string hash, Dictionary<string, string> fields)
    {
        var address = http.Connection.RemoteIpAddress;
        if (Login.Limiter.LockedFor(address) is { } wait)
        {
            await LoginApi.WriteLockedAsync(http, wait).ConfigureAwait(false);
            return false;
        }
        if (!fields.TryGetValue("current_password", out string? current))
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.InvalidRequest("current_password is required while a password is set.", "current_password")).ConfigureAwait(false);
            return false;
        }
        if (await Login.VerifyPasswordAsync(current, hash, http.RequestAborted).ConfigureAwait(false) is not { } check)
        {
            await ErrorResponses.WriteOpenAIAsync(http, AdminLogin.Busy).ConfigureAwait(false);
            return false;
        }
        if (check.Error is { } problem)
        {
            // Nobody can log in with an unusable hash; an admin who got in another way may replace it.
            LoginLog.UnusableHash(_log, problem);
            return true;
        }
        if (!check.Matches)
        {
            await logins.FailedAsync(http, LoginMethod.Password, address, new GatewayError(ErrorKind.PermissionDenied, 403,
                "current_password is wrong.") { Code = "current_password_invalid", Param = "current_password" }).ConfigureAwait(false);
            return false;
        }
        return true;
    }
}
