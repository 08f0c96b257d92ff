using System.Net;
using System.Security.Cryptography;
using System.Text;
using FlowRouter.Core.Config;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// Everything admin login knows: which methods are configured (password, admin token, OIDC), the sessions, the
/// per-address limiter, and the password check (argon2id, run off the request thread with a cap on how many run at
/// once: each needs 19 MiB, and a flood of guesses must not turn into a flood of allocations).
/// </summary>
internal sealed class AdminLogin(ServerConfig server, SqliteStore store, TimeProvider time) : IDisposable
{
    private const int ConcurrentHashes = 2;

    private readonly SemaphoreSlim _hashing = new(ConcurrentHashes, ConcurrentHashes);

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

    public async Task<PasswordCheck> VerifyPasswordAsync(string password, string hash, CancellationToken cancellationToken)
    {
        await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => PasswordHasher.Verify(password, hash), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _hashing.Release();
        }
    }

    public async Task<string> HashPasswordAsync(string password, CancellationToken cancellationToken)
    {
        await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => PasswordHasher.Hash(password), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _hashing.Release();
        }
    }

    public void Dispose() => _hashing.Dispose();

    /// <summary>True when the server's own address is reachable only from this machine.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
}
