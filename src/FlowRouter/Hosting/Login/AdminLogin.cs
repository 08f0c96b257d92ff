using System.Net;
using System.Security.Cryptography;
using System.Text;
using FlowRouter.Core.Config;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// Everything admin login knows: which methods are configured (password, admin token, OIDC), the sessions, the
/// per-address limiter, and the password check: argon2id, run off the request thread one at a time, with at most
/// <see cref="MaxWaiting"/> more waiting. Each costs 19 MiB and a core for tens of milliseconds; guesses spread over
/// many addresses (which the per-address lockout does not slow) then take one core at most, never the routing's.
/// </summary>
internal sealed class AdminLogin(ServerConfig server, SqliteStore store, TimeProvider time) : IDisposable
{
    public const int MaxWaiting = 16;

    private readonly SemaphoreSlim _hashing = new(1, 1);
    private int _queued;

    public ServerConfig Server => server;
    public AdminPassword Password { get; } = new(server, store);
    public SessionStore Sessions { get; } = new(time);
    public LoginLimiter Limiter { get; } = new(time);
    public TimeProvider Time => time;

    public bool TokenConfigured => server.AdminTokenSha256 is not null;
    public bool OidcConfigured => server.Oidc is not null;

    /// <summary>The configured login methods, in the order /api/session lists them; empty: loopback-only access.</summary>
    public IReadOnlyList<string> Methods(string? passwordHash)
    {
        var methods = new List<string>(3);
        if (passwordHash is not null)
        {
            methods.Add("password");
        }
        if (TokenConfigured)
        {
            methods.Add("token");
        }
        if (OidcConfigured)
        {
            methods.Add("oidc");
        }
        return methods;
    }

    /// <summary>True when <paramref name="presented"/> is the admin token (constant-time on its SHA-256).</summary>
    public bool TokenMatches(string? presented)
    {
        if (server.AdminTokenSha256 is not { } expected || string.IsNullOrEmpty(presented))
        {
            return false;
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        return CryptographicOperations.FixedTimeEquals(hash, expected);
    }

    /// <summary>The check, or null when too many are already waiting (the caller answers 503 and nothing is counted).</summary>
    public Task<PasswordCheck?> VerifyPasswordAsync(string password, string hash, CancellationToken cancellationToken) =>
        HashingAsync<PasswordCheck?>(() => PasswordHasher.Verify(password, hash), cancellationToken);

    /// <summary>A new hash, or null when too many hash computations are already waiting.</summary>
    public Task<string?> HashPasswordAsync(string password, CancellationToken cancellationToken) =>
        HashingAsync<string?>(() => PasswordHasher.Hash(password), cancellationToken);

    private async Task<T?> HashingAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _queued) > MaxWaiting + 1)
        {
            Interlocked.Decrement(ref _queued);
            return default;
        }
        try
        {
            await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await Task.Run(work, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _hashing.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    /// <summary>The answer when <see cref="MaxWaiting"/> password checks are already queued.</summary>
    public static Core.Errors.GatewayError Busy => new(Core.Errors.ErrorKind.Overloaded, 503, "Too many logins are being checked right now; try again in a moment.")
    {
        Code = "login_busy",
        RetryAfterSeconds = 1,
    };

    public void Dispose() => _hashing.Dispose();

    /// <summary>True when the server's own address is reachable only from this machine.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
}
