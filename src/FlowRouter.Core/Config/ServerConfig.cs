namespace FlowRouter.Core.Config;

public sealed record ServerConfig
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 2402;

    public string Host { get; init; } = DefaultHost;
    public int Port { get; init; } = DefaultPort;

    /// <summary>True: every /v1 call needs a client key even when none is configured.</summary>
    public bool RequireKey { get; init; }

    public int MaxBodyMb { get; init; } = 32;

    /// <summary>
    /// The largest image FlowRouter fetches from a URL for a provider that takes only inline images (Gemini), in MB;
    /// 20 by default (Gemini's own inline request limit).
    /// </summary>
    public int MaxImageMb { get; init; } = 20;

    public TimeoutSettings Timeouts { get; init; } = TimeoutSettings.Default;

    /// <summary>SHA-256 of the admin token that opens /api (and later the dashboard) to other machines; null: loopback only.</summary>
    public byte[]? AdminTokenSha256 { get; init; }

    /// <summary>
    /// server.admin_password_hash: an argon2id PHC string for the admin login. When set it wins over a password stored
    /// through the API or the CLI, which then cannot change it.
    /// </summary>
    public string? AdminPasswordHash { get; init; }

    /// <summary>server.oidc: login through an OpenID Connect provider; null: none.</summary>
    public OidcConfig? Oidc { get; init; }

    /// <summary>Hours between scheduled backups into &lt;data-dir&gt;/backups; 0: none.</summary>
    public double BackupIntervalHours { get; init; }

    /// <summary>How many scheduled backups to keep; older ones are deleted.</summary>
    public int BackupKeep { get; init; } = 7;

    /// <summary>The server: fields the config file sets; those settings are read-only in the admin API.</summary>
    public IReadOnlySet<string> SetInFile { get; init; } = new HashSet<string>();

    public long MaxBodyBytes => MaxBodyMb * 1024L * 1024L;
    public long MaxImageBytes => MaxImageMb * 1024L * 1024L;
}
