using System.Collections.Concurrent;

namespace FlowRouter.Limits;

/// <summary>
/// Per-key counters: 60 one-second buckets for requests and tokens (a sliding minute, exact to the second) and the
/// day's and month's spend. One lock per key; keys do not contend with each other.
/// </summary>
internal sealed class InMemoryKeyUsageCounters : IKeyUsageCounters
{
    private const int Seconds = 60;

    private readonly ConcurrentDictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    public bool TryCountRequest(string key, int limit, DateTimeOffset now, out TimeSpan retryAfter)
    {
        var state = State(key);
        long second = now.ToUnixTimeSeconds();
        lock (state)
        {
            long used = state.Requests.Sum(second);
            if (used >= limit)
            {
                retryAfter = TimeSpan.FromSeconds(state.Requests.SecondsUntilOneExpires(second));
                return false;
            }
            state.Requests.Add(second, 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    public long TokensInLastMinute(string key, DateTimeOffset now)
    {
        var state = State(key);
        lock (state)
        {
            return state.Tokens.Sum(now.ToUnixTimeSeconds());
        }
    }

    public decimal SpentToday(string key, DateTimeOffset now)
    {
        var state = State(key);
        lock (state)
        {
            return state.Day == DayOf(now) ? state.DaySpend : 0;
        }
    }

    public decimal SpentThisMonth(string key, DateTimeOffset now)
    {
        var state = State(key);
        lock (state)
        {
            return state.Month == MonthOf(now) ? state.MonthSpend : 0;
        }
    }

    public void RecordUsage(string key, long tokens, decimal cost, DateTimeOffset now)
    {
        var state = State(key);
        lock (state)
        {
            state.Tokens.Add(now.ToUnixTimeSeconds(), tokens);
            int day = DayOf(now), month = MonthOf(now);
            (state.DaySpend, state.Day) = state.Day == day ? (state.DaySpend + cost, day) : (cost, day);
            (state.MonthSpend, state.Month) = state.Month == month ? (state.MonthSpend + cost, month) : (cost, month);
        }
    }

    private KeyState State(string key) => _keys.GetOrAdd(key, _ => new KeyState());

    private static int DayOf(DateTimeOffset now) => (int)(now.ToUnixTimeSeconds() / 86_400);

    private static int MonthOf(DateTimeOffset now) => now.UtcDateTime.Year * 12 + now.UtcDateTime.Month;

    private sealed class KeyState
    {
        public Window Requests { get; } = new();
        public Window Tokens { get; } = new();
        public int Day { get; set; } = -1;
        public decimal DaySpend { get; set; }
        public int Month { get; set; } = -1;
        public decimal MonthSpend { get; set; }
    }

    /// <summary>A sliding minute of one-second buckets; a bucket from an older minute counts as empty.</summary>
    private sealed class Window
    {
        private readonly long[] _counts = new long[Seconds];
        private readonly long[] _stamps = new long[Seconds];

        public void Add(long second, long amount)
        {
            int slot = (int)(second % Seconds);
            if (_stamps[slot] != second)
            {
                _stamps[slot] = second;
                _counts[slot] = 0;
            }
            _counts[slot] += amount;
        }

        public long Sum(long second)
        {
            long total = 0;
            for (int i = 0; i < Seconds; i++)
            {
                if (second - _stamps[i] < Seconds)
                {
                    total += _counts[i];
                }
            }
            return total;
        }

        /// <summary>Whole seconds until the oldest counted second leaves the window (at least 1).</summary>
        public int SecondsUntilOneExpires(long second)
        {
            long oldest = second;
            for (int i = 0; i < Seconds; i++)
            {
                if (second - _stamps[i] < Seconds && _counts[i] > 0 && _stamps[i] < oldest)
                {
                    oldest = _stamps[i];
                }
            }
            return (int)Math.Max(1, oldest + Seconds - second);
        }
    }
}
