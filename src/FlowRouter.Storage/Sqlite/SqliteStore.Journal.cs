using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>What the usage journal needs from the store: a durable replay and a durability check.</summary>
public sealed partial class SqliteStore
{
    /// <summary>
    /// Writes replayed journal rows in one transaction with synchronous=FULL (the commit fsyncs the WAL), so the
    /// journal files can be deleted right after. FULL is SQLite's default, so the pooled connection goes back as the
    /// others are.
    /// </summary>
    internal void ReplayRows(IReadOnlyList<RequestLogRow> rows)
    {
        try
        {
            InsertDurably(rows);
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"{Path}: cannot replay the usage journal into the store: {ex.Message}", ex);
        }
    }

    private void InsertDurably(IReadOnlyList<RequestLogRow> rows)
    {
        using var connection = Connect();
        Execute(connection, "PRAGMA synchronous=FULL;");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT OR REPLACE INTO request_log ({RequestLogColumns.List}) VALUES ({RequestLogColumns.Parameters})";
        var parameters = RequestLogColumns.Create(insert);
        foreach (var row in rows)
        {
            RequestLogColumns.Bind(parameters, row);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// A passive WAL checkpoint (never waits for readers or the writer); true when it copied every frame committed
    /// before it began. Under synchronous=NORMAL SQLite fsyncs the WAL before a checkpoint and the database file after a
    /// complete one, so every commit made before this call then survives a power loss.
    /// </summary>
    internal bool CheckpointComplete()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return false;
        }
        long busy = reader.GetInt64(0), log = reader.GetInt64(1), copied = reader.GetInt64(2);
        return busy == 0 && log >= 0 && copied == log;
    }
}
