using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>A provider created through the admin API: its config entry without credentials, and the credentials sealed.</summary>
public sealed record StoredProvider(string Id, string DocJson, string SealedSecrets);

/// <summary>A combo created through the admin API, as its config entry.</summary>
public sealed record StoredCombo(string Name, string DocJson);

/// <summary>A client key created through the admin API: only the key's SHA-256 is kept, never the key.</summary>
public sealed record StoredClientKey(string Name, string KeySha256Hex, string DocJson, DateTimeOffset CreatedAt);

/// <summary>
/// The config entries made through the admin API (migration 5). Together with the config file they make the running
/// config; the file's own entries are never written here.
/// </summary>
public sealed partial class SqliteStore
{
    public IReadOnlyList<StoredProvider> ListProviders() =>
        Query("SELECT id, doc_json, secrets FROM config_providers ORDER BY id", r => new StoredProvider(r.GetString(0), r.GetString(1), r.GetString(2)));

    public void SaveProvider(StoredProvider provider, DateTimeOffset now) => Write("""
        INSERT INTO config_providers (id, doc_json, secrets, updated_at) VALUES ($id, $doc, $secrets, $at)
        ON CONFLICT (id) DO UPDATE SET doc_json = excluded.doc_json, secrets = excluded.secrets, updated_at = excluded.updated_at
        """, ("$id", provider.Id), ("$doc", provider.DocJson), ("$secrets", provider.SealedSecrets), ("$at", Stamp(now)));

    public bool DeleteProvider(string id) => Write("DELETE FROM config_providers WHERE id = $id", ("$id", id)) > 0;

    public IReadOnlyList<StoredCombo> ListCombos() =>
        Query("SELECT name, doc_json FROM config_combos ORDER BY rowid", r => new StoredCombo(r.GetString(0), r.GetString(1)));

    public void SaveCombo(StoredCombo combo, DateTimeOffset now) => Write("""
        INSERT INTO config_combos (name, doc_json, updated_at) VALUES ($name, $doc, $at)
        ON CONFLICT (name) DO UPDATE SET doc_json = excluded.doc_json, updated_at = excluded.updated_at
        """, ("$name", combo.Name), ("$doc", combo.DocJson), ("$at", Stamp(now)));

    public bool DeleteCombo(string name) => Write("DELETE FROM config_combos WHERE name = $name", ("$name", name)) > 0;

    public IReadOnlyList<StoredClientKey> ListClientKeys() =>
        Query("SELECT name, key_sha256, doc_json, created_at FROM client_keys ORDER BY created_at, name",
            r => new StoredClientKey(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture)));

    public void SaveClientKey(StoredClientKey key, DateTimeOffset now) => Write("""
        INSERT INTO client_keys (name, key_sha256, doc_json, created_at, updated_at) VALUES ($name, $hash, $doc, $created, $at)
        ON CONFLICT (name) DO UPDATE SET doc_json = excluded.doc_json, updated_at = excluded.updated_at
        """, ("$name", key.Name), ("$hash", key.KeySha256Hex), ("$doc", key.DocJson), ("$created", Stamp(key.CreatedAt)), ("$at", Stamp(now)));

    public bool DeleteClientKey(string name) => Write("DELETE FROM client_keys WHERE name = $name", ("$name", name)) > 0;

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private int Write(string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command.ExecuteNonQuery();
    }
}
