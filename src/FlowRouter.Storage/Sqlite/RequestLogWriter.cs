using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Writes request-log rows in batches from a background task, one transaction per batch, so the request path only
/// enqueues. The queue is bounded; when the disk cannot keep up the oldest unwritten rows are dropped and counted
/// rather than slowing every request down.
/// </summary>
public sealed class RequestLogWriter : IRequestLog, IAsyncDisposable
{
    private const int QueueCapacity = 50_000;
    private const int MaxBatch = 500;

    private readonly SqliteStore _store;
    private readonly Channel<RequestLogRow> _queue;
    private readonly Task _writer;
    private long _dropped;

    public RequestLogWriter(SqliteStore store)
    {
        _store = store;
        _queue = Channel.CreateBounded<RequestLogRow>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _writer = Task.Run(WriteLoopAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Append(RequestLogRow row) => _queue.Writer.TryWrite(row);

    private async Task WriteLoopAsync()
    {
        var batch = new List<RequestLogRow>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }
            try
            {
                WriteBatch(batch);
            }
            catch (SqliteException)
            {
                Interlocked.Add(ref _dropped, batch.Count);
            }
            batch.Clear();
        }
    }

    private void WriteBatch(List<RequestLogRow> rows)
    {
        using var connection = _store.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO request_log (id, started_at, key_name, ingress, requested_model, provider, upstream_model, status, stream,
                latency_ms, ttft_ms, input_tokens, output_tokens, cached_tokens, reasoning_tokens, attempts, error)
            VALUES ($id, $at, $key, $ingress, $model, $provider, $upstream, $status, $stream, $latency, $ttft, $in, $out, $cached, $reasoning, $attempts, $error)
            """;
        var p = RequestLogColumns.Create(command);
        foreach (var row in rows)
        {
            RequestLogColumns.Bind(p, row);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IReadOnlyList<RequestLogRow> Recent(int limit)
    {
        using var connection = _store.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM request_log ORDER BY started_at DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<RequestLogRow>();
        while (reader.Read())
        {
            rows.Add(RequestLogColumns.Read(reader));
        }
        return rows;
    }

    /// <summary>Waits until every queued row is written (tests, shutdown).</summary>
    public async ValueTask FlushAsync()
    {
        while (_queue.Reader.Count > 0)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
        // The last batch may still be in its transaction: a write lock round-trip waits for it.
        using var connection = _store.Connect();
        SqliteStore.Execute(connection, "BEGIN IMMEDIATE; COMMIT;");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    internal static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
