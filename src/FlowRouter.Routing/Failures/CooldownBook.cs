using System.Collections.Concurrent;

namespace FlowRouter.Routing.Failures;

/// <summary>
/// Which (provider, key, model), (provider, key) and (provider, model) are resting after failures, and until when.
/// <list type="bullet">
/// <item>Cooling again keeps the later deadline: a short backoff never cuts a long quota rest.</item>
/// <item>Backoff doubles per consecutive failure from 1 s to a 5 min cap, with ±20 % jitter; a success resets it.</item>
/// <item>After a cooldown ends, one request is let through as a probe; until it comes back the others still
/// treat the entry as cooling, so a recovering provider is not hit by the whole backlog at once.</item>
/// <item>A disabled key (credentials refused) stays disabled for the life of this book: one book per configuration,
/// so a config change (new key) starts clean.</item>
/// </list>
/// An empty book answers without a dictionary lookup, so the healthy path costs nothing.
/// </summary>
public sealed class CooldownBook(TimeProvider time, Func<double>? random = null)
{
    public static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan BackoffCap = TimeSpan.FromMinutes(5);
    public const double BackoffJitter = 0.2;

    private readonly ConcurrentDictionary<CooldownKey, Entry> _entries = new();
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public TimeProvider Time => time;

    public bool IsEmpty => _entries.IsEmpty;

    /// <summary>Why and until when a (provider, key, model) is resting, or null when it may be used now.</summary>
    public Rest? RestOf(string provider, int key, string model)
    {
        if (_entries.IsEmpty)
        {
            return null;
        }
        var now = time.GetUtcNow();
        return Later(Later(Check(new CooldownKey(provider, key, null), now), Check(new CooldownKey(provider, key, model), now)),
            Check(new CooldownKey(provider, -1, model), now));
    }

    /// <summary>
    /// Marks the entries whose cooldown is over as being probed by this request; false when another request is
    /// probing one of them already (the caller then treats the key as resting).
    /// </summary>
    public bool TryBeginProbe(string provider, int key, string model)
    {
        if (_entries.IsEmpty)
        {
            return true;
        }
        var now = time.GetUtcNow();
        Span<CooldownKey> keys = [new(provider, key, null), new(provider, key, model), new(provider, -1, model)];
        foreach (var k in keys)
        {
            if (_entries.TryGetValue(k, out var entry))
            {
                lock (entry)
                {
                    if (entry.Failures > 0 && entry.Until <= now)
                    {
                        if (entry.Probing)
                        {
                            return false;
                        }
                        entry.Probing = true;
                    }
                }
            }
        }
        return true;
    }

    /// <summary>Applies a rule's cooldown after a failure; returns when the rest ends (null: no rest).</summary>
    public DateTimeOffset? Cool(string provider, int key, string model, FailureRule rule, TimeSpan? upstreamReset)
    {
        if (rule.Cooldown == CooldownKind.None)
        {
            EndProbe(provider, key, model);
            return null;
        }
        var id = rule.Scope switch
        {
            CooldownScope.Key => new CooldownKey(provider, key, null),
            CooldownScope.Model => new CooldownKey(provider, -1, model),
            _ => new CooldownKey(provider, key, model),
        };
        var entry = _entries.GetOrAdd(id, _ => new Entry());
        var now = time.GetUtcNow();
        lock (entry)
        {
            entry.Failures++;
            entry.Probing = false;
            entry.Rule = rule.Name;
            var until = rule.Cooldown switch
            {
                CooldownKind.Disable => DateTimeOffset.MaxValue,
                CooldownKind.Fixed => now + rule.Duration,
                CooldownKind.UntilReset => now + (upstreamReset ?? rule.Duration),
                CooldownKind.RetryAfterOrBackoff when upstreamReset is { } reset => now + reset,
                _ => now + Backoff(entry.Failures),
            };
            entry.Disabled |= rule.Cooldown == CooldownKind.Disable;
            entry.Until = until > entry.Until ? until : entry.Until; // cooling again never shortens a rest
            return entry.Until;
        }
    }

    /// <summary>A success: every rest of this key/model (and the key itself) is over and its backoff starts afresh.</summary>
    public void Succeeded(string provider, int key, string model)
    {
        if (_entries.IsEmpty)
        {
            return;
        }
        Clear(new CooldownKey(provider, key, model));
        Clear(new CooldownKey(provider, -1, model));
        if (_entries.TryGetValue(new CooldownKey(provider, key, null), out var keyEntry) && !keyEntry.Disabled)
        {
            Clear(new CooldownKey(provider, key, null));
        }
    }

    /// <summary>A probe that ended without a verdict (the client left): let the next request probe.</summary>
    public void EndProbe(string provider, int key, string model)
    {
        if (_entries.IsEmpty)
        {
            return;
        }
        Span<CooldownKey> keys = [new(provider, key, null), new(provider, key, model), new(provider, -1, model)];
        foreach (var k in keys)
        {
            if (_entries.TryGetValue(k, out var entry))
            {
                lock (entry)
                {
                    entry.Probing = false;
                }
            }
        }
    }

    /// <summary>Every entry, for status pages.</summary>
    public IEnumerable<(CooldownKey Key, Rest State, int Failures)> Snapshot()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            Rest state;
            int failures;
            lock (entry)
            {
                (state, failures) = (new Rest(entry.Until, entry.Rule, entry.Disabled, entry.Until <= now), entry.Failures);
            }
            yield return (key, state, failures);
        }
    }

    /// <summary>1 s × 2^(n−1), capped at 5 min, ±20 % jitter so keys cooled together do not all return at once.</summary>
    public TimeSpan Backoff(int consecutiveFailures)
    {
        double seconds = BackoffBase.TotalSeconds * Math.Pow(2, Math.Min(Math.Max(consecutiveFailures, 1) - 1, 20));
        seconds = Math.Min(seconds, BackoffCap.TotalSeconds);
        double jitter = 1 + BackoffJitter * (2 * _random() - 1);
        return TimeSpan.FromSeconds(Math.Min(seconds * jitter, BackoffCap.TotalSeconds));
    }

    private Rest? Check(CooldownKey key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        lock (entry)
        {
            if (entry.Disabled || entry.Until > now)
            {
                return new Rest(entry.Until, entry.Rule, entry.Disabled, ProbeDue: false);
            }
            // Over, but a probe is out: the others wait for its verdict.
            return entry.Probing ? new Rest(now, entry.Rule, false, ProbeDue: true) : null;
        }
    }

    private void Clear(CooldownKey key) => _entries.TryRemove(key, out _);

    private static Rest? Later(Rest? a, Rest? b) => a is null ? b : b is null ? a : a.Value.Until >= b.Value.Until ? a : b;

    private sealed class Entry
    {
        public DateTimeOffset Until { get; set; } = DateTimeOffset.MinValue;
        public int Failures { get; set; }
        public bool Disabled { get; set; }
        public bool Probing { get; set; }
        public string Rule { get; set; } = "";
    }
}

/// <summary>What a cooldown is kept for: a key of a provider for a model, a key for all models (Model null), or a model for all keys (Key −1).</summary>
public readonly record struct CooldownKey(string Provider, int Key, string? Model);

/// <summary>A rest: until when, which rule put it there, whether the key is disabled, and whether it is only waiting for a probe.</summary>
public readonly record struct Rest(DateTimeOffset Until, string Rule, bool Disabled, bool ProbeDue);
