using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Brings the schema up to date, each step in its own transaction. Before changing an existing database it keeps a
/// consistent copy under backups/ (VACUUM INTO), and it refuses a database made by a newer FlowRouter rather than
/// run against a schema it does not know.
/// </summary>
internal static class MigrationRunner
{
    public static void Apply(SqliteConnection connection, string dataDir, TimeProvider time)
    {
        SqliteStore.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        int current = CurrentVersion(connection);
        if (current > Migrations.Latest)
        {
            throw new StoreException(
                $"The store at {connection.DataSource} has schema version {current}, newer than this FlowRouter knows ({Migrations.Latest}). " +
                "Run the newer FlowRouter, or restore a backup made by this version.");
        }
        if (current == Migrations.Latest)
        {
            return;
        }
        if (current > 0)
        {
            Snapshot(connection, dataDir, current, time);
        }
        foreach (var (version, sql) in Migrations.All)
        {
            if (version > current)
            {
                ApplyOne(connection, version, sql, time);
            }
        }
    }

    private static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void ApplyOne(SqliteConnection connection, int version, string sql, TimeProvider time)
    {
        using var transaction = connection.BeginTransaction();
        SqliteStore.Execute(connection, sql, transaction);
        using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at)";
        record.Parameters.AddWithValue("$v", version);
        record.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        record.ExecuteNonQuery();
        transaction.Commit();
    }

    private static void Snapshot(SqliteConnection connection, string dataDir, int version, TimeProvider time)
    {
        string backups = Path.Combine(dataDir, "backups");
        PrivateFiles.CreateDirectory(backups);
        string file = Path.Combine(backups, $"flowrouter-v{version}-{time.GetUtcNow():yyyyMMddHHmmss}.db");
        PrivateFiles.CreateEmpty(file); // 0600 before VACUUM INTO writes into it
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $file";
        command.Parameters.AddWithValue("$file", file);
        command.ExecuteNonQuery();
    }
}
