using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>Restore: a backup swapped in for the store, checked first, with the current database kept.</summary>
public sealed partial class SqliteStore
{
    /// <summary>
    /// Replaces the store in <paramref name="dataDir"/> with the backup <paramref name="source"/>. Holds the data-dir
    /// lock throughout, so it refuses while a server runs there (and no server starts mid-swap). The file is copied
    /// in, checked (integrity_check, a FlowRouter schema no newer than this build), the current database is kept as
    /// backups/before-restore-&lt;ts&gt;.db, and only then swapped in. Returns where the previous database was kept.
    /// </summary>
    public static string? Restore(string dataDir, string source, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        dataDir = System.IO.Path.GetFullPath(dataDir);
        source = System.IO.Path.GetFullPath(source);
        if (!File.Exists(source))
        {
            throw new StoreException($"{source}: no such file");
        }
        using var hold = DataDirLock.Acquire(dataDir);
        string target = System.IO.Path.Combine(dataDir, FileName);
        string staged = target + ".restoring";
        try
        {
            File.Delete(staged);
            PrivateFiles.Copy(source, staged); // 0600 whatever the backup file's mode
            CheckRestorable(staged, source);
            SettleJournal(dataDir, target);
            string? kept = File.Exists(target) ? KeepCurrent(target, dataDir, time) : null;
            SqliteConnection.ClearAllPools();
            // The old WAL belongs to the old file: left beside the new one, SQLite would replay it into it.
            File.Delete(target + "-wal");
            File.Delete(target + "-shm");
            File.Move(staged, target, overwrite: true);
            return kept;
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>
    /// Usage a crashed server journaled belongs to the database being replaced: it goes into that one (so the
    /// before-restore copy has it), never into the restored backup. If that database cannot take it, it is dropped.
    /// </summary>
    private static void SettleJournal(string dataDir, string target)
    {
        try
        {
            if (File.Exists(target))
            {
                UsageJournalReplay.Run(dataDir, new SqliteStore(target));
                return;
            }
        }
        catch (StoreException)
        {
            // damaged or foreign: the rows go with it
        }
        UsageJournalReplay.Discard(dataDir);
    }

    private static void CheckRestorable(string staged, string source)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = staged, Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            string integrity = Scalar(connection, "PRAGMA integrity_check") as string ?? "";
            if (integrity != "ok")
            {
                throw new StoreException($"{source}: not restored: the database fails its integrity check ({integrity.Split('\n')[0]})");
            }
            if (Convert.ToInt32(Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"), CultureInfo.InvariantCulture) == 0)
            {
                throw new StoreException($"{source}: not restored: this SQLite file is not a FlowRouter database (no schema_migrations table)");
            }
            int version = Convert.ToInt32(Scalar(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), CultureInfo.InvariantCulture);
            if (version > Migrations.Latest)
            {
                throw new StoreException(
                    $"{source}: not restored: it has schema version {version}, newer than this FlowRouter knows ({Migrations.Latest}); restore it with the newer FlowRouter");
            }
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"{source}: not restored: not a FlowRouter SQLite database ({ex.Message})", ex);
        }
    }

    private static string KeepCurrent(string target, string dataDir, TimeProvider time)
    {
        string backups = BackupFiles.DirectoryFor(dataDir);
        PrivateFiles.CreateDirectory(backups);
        string kept = System.IO.Path.Combine(backups, $"before-restore-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db");
        if (File.Exists(kept))
        {
            kept = kept[..^3] + "-" + Guid.NewGuid().ToString("N")[..8] + ".db";
        }
        try
        {
            PrivateFiles.CreateEmpty(kept);
            var builder = new SqliteConnectionStringBuilder { DataSource = target, Pooling = false, Mode = SqliteOpenMode.ReadWrite };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $file";
            command.Parameters.AddWithValue("$file", kept);
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The current database is damaged (perhaps why it is being restored): keep its files byte for byte.
            File.Delete(kept);
            PrivateFiles.Copy(target, kept);
            if (File.Exists(target + "-wal"))
            {
                PrivateFiles.Copy(target + "-wal", kept + "-wal");
            }
        }
        return kept;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
