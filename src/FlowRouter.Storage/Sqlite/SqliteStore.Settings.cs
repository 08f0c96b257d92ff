using System.Globalization;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// The settings table (migration 5): named values changed through the admin API or the CLI, each a string (JSON
/// where the value has structure). Secrets stored here are sealed by the caller with a SecretBox first.
/// </summary>
public sealed partial class SqliteStore
{
    public string? GetSetting(string name)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() as string;
    }

    public IReadOnlyDictionary<string, string> AllSettings()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM settings";
        using var reader = command.ExecuteReader();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }
        return settings;
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, or removes it when the value is null.</summary>
    public void SetSetting(string name, string? value, DateTimeOffset now)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        if (value is null)
        {
            command.CommandText = "DELETE FROM settings WHERE name = $name";
        }
        else
        {
            command.CommandText = """
                INSERT INTO settings (name, value, updated_at) VALUES ($name, $value, $at)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
        }
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
    }
}
