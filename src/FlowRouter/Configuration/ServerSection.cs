using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>The server: section, and the timeouts: block shared with providers.</summary>
internal static class ServerSection
{
    public static ServerConfig Read(ConfigNode section)
    {
        var fields = section.Mapping("host", "port", "require_key", "max_body_mb", "max_image_mb", "timeouts", "admin_token", "admin_token_sha256", "admin_password_hash", "oidc", "backup_interval_hours", "backup_keep");
        var server = new ServerConfig { SetInFile = fields.Keys.ToHashSet(StringComparer.Ordinal) };
        if (fields.TryGetValue("host", out var host))
        {
            server = server with { Host = host.String() };
        }
        if (fields.TryGetValue("port", out var port))
        {
            server = server with { Port = port.Int(1, 65535) };
        }
        if (fields.TryGetValue("require_key", out var requireKey))
        {
            server = server with { RequireKey = requireKey.Bool() };
        }
        if (fields.TryGetValue("max_body_mb", out var maxBody))
        {
            server = server with { MaxBodyMb = maxBody.Int(1, 1024) };
        }
        if (fields.TryGetValue("max_image_mb", out var maxImage))
        {
            server = server with { MaxImageMb = maxImage.Int(1, 1024) };
        }
        if (fields.TryGetValue("timeouts", out var timeouts))
        {
            server = server with { Timeouts = ReadTimeouts(timeouts, TimeoutSettings.Default) };
        }
        if (fields.TryGetValue("admin_token", out var token))
        {
            string plain = token.String();
            server = server with
            {
                AdminTokenSha256 = plain.Length >= 24
                    ? System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(plain))
                    : throw token.Error("an admin token must be at least 24 characters long"),
            };
        }
        if (fields.TryGetValue("admin_token_sha256", out var tokenHash))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString(tokenHash.String());
            }
            catch (FormatException)
            {
                throw tokenHash.Error("expected 64 hex digits (a SHA-256)");
            }
            server = server with { AdminTokenSha256 = bytes.Length == 32 ? bytes : throw tokenHash.Error("expected 64 hex digits (a SHA-256)") };
        }
        if (fields.TryGetValue("admin_password_hash", out var passwordHash))
        {
            string phc = passwordHash.String();
            server = server with
            {
                AdminPasswordHash = Hosting.Login.PasswordHasher.Validate(phc) is { } problem
                    ? throw passwordHash.Error(problem + " (make one with 'flowrouter admin password', or `argon2 <salt> -id -e`)")
                    : phc,
            };
        }
        if (fields.TryGetValue("oidc", out var oidc))
        {
            server = server with { Oidc = OidcSection.Read(oidc) };
        }
        if (fields.TryGetValue("backup_interval_hours", out var backupInterval))
        {
            server = server with { BackupIntervalHours = backupInterval.Number(0, 24 * 366) };
        }
        if (fields.TryGetValue("backup_keep", out var backupKeep))
        {
            server = server with { BackupKeep = backupKeep.Int(1, 10_000) };
        }
        return server;
    }

    public static TimeoutSettings ReadTimeouts(ConfigNode section, TimeoutSettings defaults)
    {
        var fields = section.Mapping("connect_seconds", "first_byte_seconds", "idle_seconds", "total_seconds");
        TimeSpan Read(string name, TimeSpan fallback) =>
            fields.TryGetValue(name, out var node) ? TimeSpan.FromSeconds(node.Number(0.001, 86_400)) : fallback;
        return new TimeoutSettings(
            Read("connect_seconds", defaults.Connect),
            Read("first_byte_seconds", defaults.FirstByte),
            Read("idle_seconds", defaults.Idle),
            Read("total_seconds", defaults.Total));
    }
}
