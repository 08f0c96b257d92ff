namespace FlowRouter.Core.Buffers;

/// <summary>
/// Gives memory back to the system after large requests. Arrays past 85 KB live on the large object heap, which only
/// a full GC collects; an idle server allocates nothing, so nothing triggers one, and the ~800 MB that twenty 30 MB
/// answers left behind stayed resident for good (bench/RESULTS.md, "Memory after large answers": no GC setting —
/// conserve-memory, concurrent GC, a small gen0 — changed that). So once at least <see cref="MinimumBytes"/> of large
/// buffers (<see cref="ByteBuffers"/>) were taken and then none for <see cref="QuietPeriod"/>, this runs an
/// aggressive full GC (compacting, decommitting what is free), and two more <see cref="FollowUps"/> later: the BCL's
/// ArrayPool&lt;byte&gt;.Shared (JsonDocument rents a 30 MB answer's 32 MB metadata from it) drops an array only in a
/// gen-2 GC that has seen it stored for 30 s (per-thread slot) or 60 s (per-core stack). It never runs under steady
/// load (large buffers keep arriving, and the GC runs by itself then), and new large buffers start the count again.
/// </summary>
public sealed class IdleHeapTrimmer
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(5);

    /// <summary>After the first trim: when the next ones run (see the summary for why these two).</summary>
    public static readonly TimeSpan[] FollowUps = [TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(65)];

    /// <summary>Below this much of large buffers since the last trim, the memory at stake is not worth a full GC.</summary>
    public const long MinimumBytes = 16L * 1024 * 1024;

    private readonly TimeProvider _time;
    private readonly Action _collect;
    private readonly Lock _lock = new();
    private long _pendingBytes;
    private long _lastLarge;
    private long _firstTrim;
    private int _followUpsDone = FollowUps.Length;
    private ITimer? _timer;

    /// <param name="collect">The collection to run (tests count calls); null: an aggressive, compacting, blocking gen-2 GC.</param>
    public IdleHeapTrimmer(TimeProvider time, Action? collect = null)
    {
        _time = time;
        _collect = collect ?? (() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    }

    /// <summary>How many collections ran (for tests and diagnostics).</summary>
    public int Trims { get; private set; }

    /// <summary>Notes a large buffer just taken; starts the quiet-period check when none is running.</summary>
    public void Noted(long bytes)
    {
        lock (_lock)
        {
            _pendingBytes += bytes;
            _lastLarge = _time.GetTimestamp();
            _followUpsDone = FollowUps.Length; // planned again after the next quiet spell
            _timer ??= _time.CreateTimer(_ => Tick(), null, QuietPeriod, QuietPeriod);
        }
    }

    private void Tick()
    {
        lock (_lock)
        {
            if (_timer is null || !Due())
            {
                return;
            }
            Trims++;
        }
        _collect();
    }

    /// <summary>Whether a collection is due now; stops the timer when nothing is left to do.</summary>
    private bool Due()
    {
        if (_time.GetElapsedTime(_lastLarge) < QuietPeriod)
        {
            return false; // large buffers are still being taken: the GC runs by itself under load
        }
        if (_pendingBytes > 0)
        {
            bool worth = _pendingBytes >= MinimumBytes;
            _pendingBytes = 0;
            if (worth)
            {
                _firstTrim = _time.GetTimestamp();
                _followUpsDone = 0;
                return true;
            }
        }
        if (_followUpsDone < FollowUps.Length)
        {
            if (_time.GetElapsedTime(_firstTrim) < FollowUps[_followUpsDone])
            {
                return false;
            }
            _followUpsDone++;
            return true;
        }
        _timer!.Dispose();
        _timer = null;
        return false;
    }
}
