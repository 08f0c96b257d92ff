using System.Net;
using System.Net.Sockets;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// Per-address brake on password guessing: <see cref="MaxFailures"/> failed logins within <see cref="FailureWindow"/>
/// lock the address out for <see cref="FirstLockout"/>; each further lockout doubles, up to <see cref="MaxLockout"/>.
/// A successful login clears the address; so does <see cref="ForgetAfter"/> without a failure. While locked, every
/// login from the address is refused, a correct password included, so a lockout cannot be probed. IPv6 callers are
/// counted per /64 (one host usually owns the whole prefix). In memory and bounded: at most <see cref="MaxTracked"/>
/// addresses, the quietest dropped first. Behind a reverse proxy every caller shares the proxy's address.
/// </summary>
internal sealed class LoginLimiter(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromHours(1);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);
    public const int MaxTracked = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Tracked
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How much longer <paramref name="address"/> is locked out; null when it may try.</summary>
    public TimeSpan? LockedFor(IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _entries.TryGetValue(Key(address), out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : null;
        }
    }

    /// <summary>Counts a failed login; returns the lockout it started, or null when the address may still try.</summary>
    public TimeSpan? RecordFailure(IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            string key = Key(address);
            if (!_entries.TryGetValue(key, out var entry) || now - entry.LastFailure >= ForgetAfter && entry.LockedUntil <= now)
            {
                if (_entries.Count >= MaxTracked && !_entries.ContainsKey(key))
                {
                    MakeRoom(now);
                }
                entry = new Entry();
                _entries[key] = entry;
            }
            entry.LastFailure = now;
            entry.Failures.Enqueue(now);
            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() >= FailureWindow)
            {
                entry.Failures.Dequeue();
            }
            if (entry.Failures.Count < MaxFailures)
            {
                return null;
            }
            entry.Failures.Clear();
            var lockout = Lockout(++entry.Lockouts);
            entry.LockedUntil = now + lockout;
            return lockout;
        }
    }

    public void RecordSuccess(IPAddress? address)
    {
        lock (_lock)
        {
            _entries.Remove(Key(address));
        }
    }

    /// <summary>The n-th lockout's length: 1, 2, 4 … minutes, at most an hour.</summary>
    public static TimeSpan Lockout(int n) =>
        n >= 7 ? MaxLockout : TimeSpan.FromTicks(Math.Min(FirstLockout.Ticks << (n - 1), MaxLockout.Ticks));

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastFailure >= ForgetAfter && entry.LockedUntil <= now)
            {
                _entries.Remove(key);
            }
        }
        while (_entries.Count >= MaxTracked)
        {
            // Prefer dropping an address that is not locked out now, the quietest first.
            var victim = _entries.MinBy(pair => (pair.Value.LockedUntil > now, pair.Value.LastFailure));
            _entries.Remove(victim.Key);
        }
    }

    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "-";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();
        public int Lockouts { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
        public DateTimeOffset LastFailure { get; set; }
    }
}
