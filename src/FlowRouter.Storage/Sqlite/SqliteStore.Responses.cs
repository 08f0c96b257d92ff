using System.Globalization;

namespace FlowRouter.Storage.Sqlite;

/// <summary>The stored_responses table (migration 2).</summary>
public sealed partial class SqliteStore : IResponseStore
{
    public void SaveResponse(StoredResponse response)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO stored_responses (id, owner, created_at, previous_id, input_json, response_json)
            VALUES ($id, $owner, $at, $previous, $input, $response)
            """;
        command.Parameters.AddWithValue("$id", response.Id);
        command.Parameters.AddWithValue("$owner", response.Owner);
        command.Parameters.AddWithValue("$at", response.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$previous", (object?)response.PreviousId ?? DBNull.Value);
        command.Parameters.AddWithValue("$input", response.InputJson);
        command.Parameters.AddWithValue("$response", response.ResponseJson);
        command.ExecuteNonQuery();
    }

    public StoredResponse? FindResponse(string id, string? owner)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at, previous_id, input_json, response_json, owner FROM stored_responses WHERE id = $id AND ($owner IS NULL OR owner = $owner)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return new StoredResponse
        {
            Id = id,
            Owner = reader.GetString(4),
            CreatedAt = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
            PreviousId = reader.IsDBNull(1) ? null : reader.GetString(1),
            InputJson = reader.GetString(2),
            ResponseJson = reader.GetString(3),
        };
    }

    public bool DeleteResponse(string id, string owner)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM stored_responses WHERE id = $id AND owner = $owner";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        return command.ExecuteNonQuery() > 0;
    }

    public int PruneResponses(DateTimeOffset cutoff)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM stored_responses WHERE created_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery();
    }
}
