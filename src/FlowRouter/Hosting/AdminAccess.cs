using System.Net;
using System.Security.Cryptography;
using System.Text;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// Who may use the admin surface (/api, /metrics): with no admin token configured, only this machine (the server
/// then refuses to start on a non-loopback address, see <see cref="CheckBinding"/>); with one, a caller presenting
/// it as 'Authorization: Bearer …' from anywhere. Client keys never open it.
/// </summary>
internal sealed class AdminAccess(ServerConfig server)
{
    /// <summary>Null when the caller may pass, else the 401/403 to answer.</summary>
    public GatewayError? Check(HttpContext http)
    {
        if (server.AdminTokenSha256 is not { } expected)
        {
            var remote = http.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? null
                : new GatewayError(ErrorKind.PermissionDenied, 403, "The admin API answers only this machine unless server.admin_token is set.");
        }
        string? authorization = http.Request.Headers.Authorization;
        string presented = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(hash, expected)
            ? null
            : new GatewayError(ErrorKind.Authentication, 401, "The admin API needs the admin token: 'Authorization: Bearer <admin token>'.") { Code = "invalid_admin_token" };
    }

    /// <summary>
    /// Refuses a start that would open the admin API to the network: a non-loopback address with no admin token.
    /// </summary>
    public static void CheckBinding(ServerConfig server, string host)
    {
        bool loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        if (!loopback && server.AdminTokenSha256 is null)
        {
            throw new Configuration.ConfigException(
                $"server.host: '{host}' is reachable from other machines, but no admin token is set, so the admin API would be open to the network. " +
                "Set server.admin_token (24+ characters) or admin_token_sha256, or bind to 127.0.0.1.");
        }
    }
}
