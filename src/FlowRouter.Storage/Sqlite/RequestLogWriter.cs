using System.Globalization;
using System.Threading.Channels;
using FlowRouter.Core.Threading;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Writes request-log rows in batches from a dedicated thread, one transaction per batch on one kept-open connection
/// with a prepared insert, so the request path only enqueues. One WAL commit per row cost ~13 syscalls per request
/// (bench/RESULTS.md), so rows are gathered for a short window; the window is kept short (10 ms) because rows that
/// wait longer outlive a gen-0 collection, get promoted, and the extra gen-1 collections showed up as p99 latency
/// (200 ms: p99 1.8 ms at one connection; 10 ms: 0.8 ms). The queue is bounded; when the disk cannot keep up the
/// oldest unwritten rows are dropped and counted rather than slowing every request down.
/// <para>
/// With a <see cref="UsageJournal"/>, <see cref="Append"/> first writes the row there (one write(), no fsync), so a
/// killed process loses none of the rows still queued: the next start replays them. Each committed (or dropped) row
/// is settled in its journal segment, which lets the journal delete the segment. The writer commits with
/// synchronous=NORMAL (no fsync per batch): the journal keeps a row until a checkpoint has made its commit durable.
/// </para>
/// </summary>
public sealed class RequestLogWriter : IRequestLog, IAsyncDisposable
{
    private const int QueueCapacity = 50_000;
    private const int MaxBatch = 500;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(10);

    private readonly SqliteStore _store;
    private readonly UsageJournal? _journal;
    private readonly Channel<Entry> _queue;
    private readonly Task _writer;
    private readonly SemaphoreSlim _flushRequested = new(0);
    private long _dropped;
    private long _written;
    private long _appended;

    public RequestLogWriter(SqliteStore store, UsageJournal? journal = null)
        : this(store, QueueCapacity, journal)
    {
    }

    /// <summary>A writer with its own queue capacity (tests use a tiny one to see drops).</summary>
    public RequestLogWriter(SqliteStore store, int capacity, UsageJournal? journal = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _store = store;
        _journal = journal;
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, dropped =>
        {
            Interlocked.Increment(ref _dropped);
            dropped.Segment?.Settle(1);
        });
        _writer = BackgroundThread.Start("flowrouter-request-log", WriteLoop);
    }

    /// <summary>
    /// Rows lost: pushed out of a full queue (the oldest go first, so <see cref="Append"/> never waits) or in a batch
    /// the store refused. Exposed as flowrouter_usage_queue_dropped_total.
    /// </summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows committed to the store so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows waiting in the queue now.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>The journal rows are written to before they are queued (null: none, rows live only in the queue).</summary>
    public UsageJournal? Journal => _journal;

    public void Append(RequestLogRow row)
    {
        var segment = _journal?.Append(row);
        Interlocked.Increment(ref _appended);
        if (!_queue.Writer.TryWrite(new Entry(row, segment)))
        {
            // Only after DisposeAsync: the row is in the journal for the next start, or lost and counted.
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Runs on its own low-priority thread (blocking waits are fine there).</summary>
    private void WriteLoop()
    {
        using var connection = _store.Connect();
        SqliteStore.Execute(connection, "PRAGMA synchronous=NORMAL;");
        var insert = PrepareInsert(connection);
        using var insertCommand = insert.Command;
        var batch = new List<Entry>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Gather for a moment unless a flush is asked for or the batch is full: fewer, larger transactions.
            if (_queue.Reader.Count < MaxBatch)
            {
                _flushRequested.Wait(BatchWindow);
            }
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            try
            {
                WriteBatch(connection, insert.Command, insert.Parameters, batch);
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (SqliteException)
            {
                Interlocked.Add(ref _dropped, batch.Count);
            }
            Settle(batch);
            batch.Clear();
        }
    }

    private static (SqliteCommand Command, SqliteParameter[] Parameters) PrepareInsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT OR REPLACE INTO request_log ({RequestLogColumns.List}) VALUES ({RequestLogColumns.Parameters})";
        var parameters = RequestLogColumns.Create(command);
        command.Prepare();
        return (command, parameters);
    }

    private static void WriteBatch(SqliteConnection connection, SqliteCommand insert, SqliteParameter[] parameters, List<Entry> rows)
    {
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        foreach (var entry in rows)
        {
            RequestLogColumns.Bind(parameters, entry.Row);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// Tells each journal segment how many of its rows this batch settled, one call per run of rows from the same
    /// segment. A refused batch is settled too: like a dropped row it is counted and gone, and a journal that kept
    /// such rows would grow for as long as the store keeps failing.
    /// </summary>
    private static void Settle(List<Entry> batch)
    {
        JournalSegment? segment = null;
        int run = 0;
        foreach (var entry in batch)
        {
            if (!ReferenceEquals(entry.Segment, segment))
            {
                segment?.Settle(run);
                segment = entry.Segment;
                run = 0;
            }
            run++;
        }
        segment?.Settle(run);
    }

    public IReadOnlyList<RequestLogRow> Recent(int limit)
    {
        using var connection = _store.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RequestLogColumns.List} FROM request_log ORDER BY started_at DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<RequestLogRow>();
        while (reader.Read())
        {
            rows.Add(RequestLogColumns.Read(reader));
        }
        return rows;
    }

    /// <summary>Writes every row appended so far now, without waiting for the batch window (tests, backups).</summary>
    public async ValueTask FlushAsync()
    {
        long target = Interlocked.Read(ref _appended);
        while (Interlocked.Read(ref _written) + Interlocked.Read(ref _dropped) < target && !_writer.IsCompleted)
        {
            if (_flushRequested.CurrentCount == 0)
            {
                _flushRequested.Release();
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is queued, then stops: shutdown never loses a recorded request. Then closes the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _flushRequested.Release();
        await _writer.ConfigureAwait(false);
        _flushRequested.Dispose();
        _journal?.Dispose();
    }

    /// <summary>A queued row and the journal segment holding it (null without a journal or when that write failed).</summary>
    private readonly record struct Entry(RequestLogRow Row, JournalSegment? Segment);

    internal static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
