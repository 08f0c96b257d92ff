using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>The server: section, and the timeouts: block shared with providers.</summary>
internal static class ServerSection
{
    /// <summary>The server: fields only the config file sets (the rest are <see cref="EditableSettings"/>).</summary>
    private static readonly string[] FileOnlyFields =
        ["host", "port", "max_image_mb", "max_images_per_request_mb", "max_answer_mb", "max_event_mb", "allowed_hosts", "timeouts", "admin_token", "admin_token_sha256", "admin_password_hash", "oidc"];

    public static ServerConfig Read(ConfigNode section)
    {
        var fields = section.Mapping([.. FileOnlyFields, .. EditableSettings.All.Select(d => d.Name)]);
        var server = new ServerConfig { SetInFile = fields.Keys.ToHashSet(StringComparer.Ordinal) };
        // The settings the admin API may also change are read by the same rules there and here.
        foreach (var definition in EditableSettings.All)
        {
            if (fields.TryGetValue(definition.Name, out var value))
            {
                server = definition.Apply(server, value);
            }
        }
        if (fields.TryGetValue("host", out var host))
        {
            server = server with { Host = host.String() };
        }
        if (fields.TryGetValue("port", out var port))
        {
            server = server with { Port = port.Int(1, 65535) };
        }
        if (fields.TryGetValue("max_image_mb", out var maxImage))
        {
            server = server with { MaxImageMb = maxImage.Int(1, 1024) };
        }
        if (fields.TryGetValue("max_images_per_request_mb", out var maxImages))
        {
            server = server with { MaxImagesPerRequestMb = maxImages.Int(1, 4096) };
        }
        if (fields.TryGetValue("max_answer_mb", out var maxAnswer))
        {
            server = server with { MaxAnswerMb = maxAnswer.Int(1, 1024) };
        }
        if (fields.TryGetValue("max_event_mb", out var maxEvent))
        {
            server = server with { MaxEventMb = maxEvent.Int(1, 1024) };
        }
        if (fields.TryGetValue("allowed_hosts", out var allowedHosts))
        {
            server = server with { AllowedHosts = allowedHosts.StringList() };
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
