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

    /// <summary>
    /// server.max_images_per_request_mb: the most image bytes FlowRouter fetches from URLs for one request, in MB
    /// (30 URLs of 19 MB each must not take 570 MB of memory).
    /// </summary>
    public int MaxImagesPerRequestMb { get; init; } = 50;

    /// <summary>server.max_answer_mb: the largest non-streamed upstream answer read into memory, in MB; larger is a 502.</summary>
    public int MaxAnswerMb { get; init; } = 32;

    /// <summary>server.max_event_mb: the largest single stream event buffered from an upstream, in MB; larger ends the stream.</summary>
    public int MaxEventMb { get; init; } = 16;

    /// <summary>
    /// server.allowed_hosts: host names (besides 127.0.0.1, localhost, [::1] and the bound address) that requests may
    /// carry in their Host header, for reverse-proxy setups. Any other Host is refused (DNS rebinding).
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

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

    /// <summary>Condense bulky tool output in requests (the token saver) unless a key, combo or header says otherwise.</summary>
    public bool TokenSaver { get; init; }

    /// <summary>Tool outputs shorter than this many characters are left as they are.</summary>
    public int TokenSaverMinChars { get; init; } = 2_000;

    /// <summary>Terse-answer mode added to the system prompt: off, lite, full or ultra.</summary>
    public string Caveman { get; init; } = CavemanLevels.Off;

    /// <summary>The server: fields the config file sets; those settings are read-only in the admin API.</summary>
    public IReadOnlySet<string> SetInFile { get; init; } = new HashSet<string>();

    public long MaxBodyBytes => MaxBodyMb * 1024L * 1024L;
    public long MaxImageBytes => MaxImageMb * 1024L * 1024L;
    public long MaxImagesPerRequestBytes => MaxImagesPerRequestMb * 1024L * 1024L;
    public long MaxAnswerBytes => MaxAnswerMb * 1024L * 1024L;
    public long MaxEventBytes => MaxEventMb * 1024L * 1024L;
}
