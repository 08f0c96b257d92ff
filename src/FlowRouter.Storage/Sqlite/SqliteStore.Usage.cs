using System.Globalization;

namespace FlowRouter.Storage.Sqlite;

/// <summary>Usage sums from the request log, for `flowrouter usage` (and later the admin API).</summary>
public sealed partial class SqliteStore
{
    /// <summary>The request log since <paramref name="since"/>, grouped by provider, model (as answered) or key.</summary>
    public IReadOnlyList<UsageSummaryRow> UsageSince(DateTimeOffset since, UsageGrouping by)
    {
        string column = by switch
        {
            UsageGrouping.Model => "upstream_model",
            UsageGrouping.Key => "key_name",
            _ => "provider",
        };
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT COALESCE({column}, '-'), COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END),
                   COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0),
                   COALESCE(SUM(cost_usd), 0), COALESCE(AVG(latency_ms), 0)
            FROM request_log WHERE started_at >= $since GROUP BY 1 ORDER BY COUNT(*) DESC
            """;
        command.Parameters.AddWithValue("$since", since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        var rows = new List<UsageSummaryRow>();
        while (reader.Read())
        {
            rows.Add(new UsageSummaryRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), (decimal)reader.GetDouble(6), reader.GetDouble(7)));
        }
        return rows;
    }
}

/// <summary>What `flowrouter usage --by` groups the request log by.</summary>
public enum UsageGrouping
{
    Provider,
    Model,
    Key,
}
