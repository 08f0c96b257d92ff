using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// Admin sessions, in memory: a restart signs everyone out. The cookie carries 32 random bytes (base64url); only
/// their SHA-256 is kept, so the table itself never holds a usable session id. Sessions end after
/// <see cref="IdleTimeout"/> without a request or <see cref="AbsoluteLifetime"/> after login, whichever comes first.
/// </summary>
internal sealed class SessionStore(TimeProvider time)
{
    public const string CookieName = "flowrouter_session";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(12);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromDays(7);

    /// <summary>Bound on live sessions (each needs a successful login); past it the longest-idle one is dropped.</summary>
    public const int MaxSessions = 1_000;

    private readonly ConcurrentDictionary<string, AdminSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>A new session; the returned id goes into the cookie and is not kept anywhere.</summary>
    public (string Id, AdminSession Session) Create(LoginMethod method, string? passwordStamp)
    {
        var now = time.GetUtcNow();
        if (_sessions.Count >= MaxSessions)
        {
            MakeRoom(now);
        }
        string id = RandomToken();
        var session = new AdminSession(method, RandomToken(), now, passwordStamp);
        _sessions[Key(id)] = session;
        return (id, session);
    }

    /// <summary>
    /// The live session for <paramref name="id"/>, its idle clock restarted; null (and the session ended) when it is
    /// unknown, expired, or was opened with a password that is no longer <paramref name="currentPasswordStamp"/>.
    /// </summary>
    public AdminSession? Find(string? id, string? currentPasswordStamp)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 128 || !_sessions.TryGetValue(Key(id), out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (Expired(session, now) || session.PasswordStamp is { } stamp && !string.Equals(stamp, currentPasswordStamp, StringComparison.Ordinal))
        {
            _sessions.TryRemove(Key(id), out _);
            return null;
        }
        session.Touch(now);
        return session;
    }

    public void End(string? id)
    {
        if (!string.IsNullOrEmpty(id) && id.Length <= 128)
        {
            _sessions.TryRemove(Key(id), out _);
        }
    }

    private static bool Expired(AdminSession session, DateTimeOffset now) =>
        now - session.LastSeen >= IdleTimeout || now - session.Created >= AbsoluteLifetime;

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (Expired(session, now))
            {
                _sessions.TryRemove(key, out _);
            }
        }
        while (_sessions.Count >= MaxSessions && _sessions.MinBy(pair => pair.Value.LastSeen) is { Key: { } oldest })
        {
            _sessions.TryRemove(oldest, out _);
        }
    }

    private static string Key(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string RandomToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
