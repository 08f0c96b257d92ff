using System.Globalization;
using FlowRouter.Core.Threading;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// The usage journal: every finished request's row is appended to usage-&lt;n&gt;.journal in the data dir with one
/// write() before the client's answer completes, so a killed process (kill -9, OOM) loses no row the batched
/// <see cref="RequestLogWriter"/> had not committed yet: the page cache keeps the write, and the next start replays
/// the journal into the store (rows are keyed by request id, so replaying twice changes nothing).
/// <para>
/// Power loss: once a second a background thread seals the current segment, starts a new one and fsyncs the sealed
/// one (so at most the last second is at risk); every 30 s it deletes sealed segments whose rows are all committed,
/// but only after a complete WAL checkpoint: the request-log writer commits with synchronous=NORMAL, where a commit reaches
/// the disk at the next checkpoint, and a checkpoint that copied every frame has fsynced the WAL and the database.
/// </para>
/// </summary>
public sealed class UsageJournal : IDisposable
{
    internal const string Prefix = "usage-";
    internal const string Suffix = ".journal";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetireInterval = TimeSpan.FromSeconds(30);
    private const long RetireBytes = 64L * 1024 * 1024;

    private readonly string _dataDir;
    private readonly SqliteStore _store;
    private readonly Lock _lock = new();
    private readonly List<JournalSegment> _sealed = []; // changed by the rotation thread, under _lock
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private JournalSegment _active;
    private JournalSegment? _next;
    private Task _loop = Task.CompletedTask;
    private long _failures;
    private long _lastRetire;
    private bool _disposed;

    private UsageJournal(string dataDir, SqliteStore store, TimeProvider time, long firstNumber, int replayed)
    {
        _dataDir = dataDir;
        _store = store;
        _time = time;
        _lastRetire = time.GetTimestamp();
        Replayed = replayed;
        _active = JournalSegment.Create(dataDir, firstNumber);
    }

    /// <summary>Rows a previous run left in the journal and <see cref="Open"/> put into the store.</summary>
    public int Replayed { get; }

    /// <summary>Appends that failed (disk full, I/O error); those rows still go to the store, unprotected.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Segment files alive now (the active one included), oldest first.</summary>
    public IReadOnlyList<JournalSegment> Segments
    {
        get
        {
            lock (_lock)
            {
                return [.. _sealed, _active];
            }
        }
    }

    /// <summary>
    /// Replays what a previous run left into <paramref name="store"/>, deletes it, and opens a new journal. Call once
    /// at start, holding the data-dir lock, before any request is served. <paramref name="background"/> false leaves
    /// rotation to <see cref="Tick"/> (tests).
    /// </summary>
    public static UsageJournal Open(string dataDir, SqliteStore store, TimeProvider time, bool background = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (replayed, lastNumber) = UsageJournalReplay.Run(dataDir, store);
        var journal = new UsageJournal(dataDir, store, time, lastNumber + 1, replayed);
        if (background)
        {
            journal._loop = BackgroundThread.Start("flowrouter-usage-journal", journal.Loop);
        }
        return journal;
    }

    /// <summary>
    /// Writes <paramref name="row"/> to the journal (one write() call, no fsync) and returns the segment it went to,
    /// which the caller settles once the row is in the store; null when the write failed (counted, never thrown:
    /// a full disk must not fail the request).
    /// </summary>
    public JournalSegment? Append(RequestLogRow row)
    {
        var line = JournalRowFormat.Serialize(row);
        try
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    Interlocked.Increment(ref _failures);
                    return null;
                }
                _active.Append(line);
                return _active;
            }
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _failures);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            return null;
        }
    }

    /// <summary>
    /// One full round: seal the active segment if it holds rows and fsync it, then delete the sealed segments whose
    /// rows are all committed once a complete checkpoint has made those commits durable. The background thread seals
    /// every second but retires only every <see cref="RetireInterval"/> (see <see cref="RetireDue"/>).
    /// </summary>
    public void Tick() => Round(retire: true);

    private void Round(bool retire)
    {
        try
        {
            Rotate();
            if (retire)
            {
                _lastRetire = _time.GetTimestamp();
                Retire();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Interlocked.Increment(ref _failures); // the next round tries again
        }
    }

    private void Rotate()
    {
        // Only this thread replaces _active, so reading it here without the lock is safe.
        if (_active.Appended == 0)
        {
            return;
        }
        // The next file is created outside the lock, so appends never wait for an open().
        _next ??= JournalSegment.Create(_dataDir, _active.Number + 1);
        JournalSegment full;
        lock (_lock)
        {
            full = _active;
            _active = _next;
            _next = null;
            _sealed.Add(full);
        }
        // Sealed: nothing writes to it any more, so one fsync makes all of it survive a power loss.
        full.Sync();
    }

    private void Retire()
    {
        // Counted before the checkpoint: a row settled now was committed before it started, so the checkpoint covers it.
        List<JournalSegment> done;
        lock (_lock)
        {
            done = _sealed.FindAll(s => s.AllSettled);
        }
        if (done.Count == 0 || !_store.CheckpointComplete())
        {
            return;
        }
        foreach (var segment in done)
        {
            lock (_lock)
            {
                _sealed.Remove(segment);
            }
            segment.Delete();
        }
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                Task.Delay(Interval, _time, _stop.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Round(RetireDue());
        }
    }

    /// <summary>
    /// Whether to retire sealed segments now. Their deletion waits for a complete WAL checkpoint, whose fsyncs and page
    /// copying held up the request-log writer when run every second (bench/ab.sh, 32 connections: 8–13 % fewer
    /// requests per second); SQLite checkpoints by itself as the WAL grows, so ours only has to come now and then.
    /// Power loss is still covered by the sealed segments' own fsync each second; in between they only take disk,
    /// which <see cref="RetireBytes"/> bounds.
    /// </summary>
    private bool RetireDue()
    {
        if (_time.GetElapsedTime(_lastRetire) >= RetireInterval)
        {
            return true;
        }
        long sealedBytes = 0;
        lock (_lock)
        {
            foreach (var segment in _sealed)
            {
                sealedBytes += segment.Length;
            }
        }
        return sealedBytes >= RetireBytes;
    }

    /// <summary>
    /// Stops the background thread; when every row is settled (the writer drained first), a last checkpoint lets the
    /// whole journal go. Otherwise the files stay for the next start to replay.
    /// </summary>
    public void Dispose()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        JournalSegment[] all;
        lock (_lock)
        {
            all = [.. _sealed, _active];
            _disposed = true;
        }
        if (Array.TrueForAll(all, s => s.AllSettled) && _store.CheckpointComplete())
        {
            Array.ForEach(all, s => s.Delete());
        }
        else
        {
            Array.ForEach(all, s => s.Close(sync: true));
        }
        _next?.Delete();
        _stop.Dispose();
    }

    internal static bool TryParseNumber(string fileName, out long number)
    {
        number = 0;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal) && fileName.EndsWith(Suffix, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
