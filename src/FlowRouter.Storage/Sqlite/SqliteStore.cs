using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in the data dir, WAL mode (readers never wait for the writer), schema brought
/// up to date on open. Request-log rows go through <see cref="RequestLogWriter"/> in batches.
/// </summary>
public sealed partial class SqliteStore : IModelCache, IDisposable
{
    public const string FileName = "flowrouter.db";

    private readonly string _connectionString;

    private SqliteStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDir"/> and applies pending migrations.</summary>
    public static SqliteStore Open(string dataDir, TimeProvider time)
    {
        PrivateFiles.CreateDirectory(dataDir);
        var store = new SqliteStore(System.IO.Path.Combine(dataDir, FileName));
        try
        {
            // An empty file is a new database to SQLite; made here it is 0600, and -wal/-shm inherit its mode.
            PrivateFiles.EnsureExists(store.Path);
            using var connection = store.Connect();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            MigrationRunner.Apply(connection, dataDir, time);
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"{store.Path}: cannot open the store: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StoreException($"{store.Path}: cannot open the store: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreException($"{store.Path}: cannot open the store: {ex.Message}", ex);
        }
        return store;
    }

    internal SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    /// <summary>True when the store answers a trivial query (readiness probe).</summary>
    public bool IsHealthy()
    {
        try
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public (IReadOnlyList<string> Models, DateTimeOffset FetchedAt)? LoadModels(string providerId, string baseUrl)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT models_json, fetched_at FROM model_cache WHERE provider_id = $id AND base_url = $url";
        command.Parameters.AddWithValue("$id", providerId);
        command.Parameters.AddWithValue("$url", baseUrl);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        using var document = JsonDocument.Parse(reader.GetString(0));
        var models = document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").Where(m => m.Length > 0).ToArray();
        return (models, DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    public void SaveModels(string providerId, string baseUrl, IReadOnlyList<string> models, DateTimeOffset fetchedAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string model in models)
            {
                writer.WriteStringValue(model);
            }
            writer.WriteEndArray();
        }
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO model_cache (provider_id, base_url, models_json, fetched_at) VALUES ($id, $url, $models, $at)
            ON CONFLICT (provider_id, base_url) DO UPDATE SET models_json = excluded.models_json, fetched_at = excluded.fetched_at
            """;
        command.Parameters.AddWithValue("$id", providerId);
        command.Parameters.AddWithValue("$url", baseUrl);
        command.Parameters.AddWithValue("$models", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        command.Parameters.AddWithValue("$at", fetchedAt.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => SqliteConnection.ClearAllPools();
}
