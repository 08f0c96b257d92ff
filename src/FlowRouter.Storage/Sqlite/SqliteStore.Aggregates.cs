using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>Usage aggregates with percentiles and request-log pages, for the admin API.</summary>
public sealed partial class SqliteStore
{
    /// <summary>
    /// The request log since <paramref name="since"/> grouped by <paramref name="by"/>: sums, errors, and p50/p95 of
    /// latency and time to first token (nearest-rank, computed in SQL with window functions).
    /// </summary>
    public IReadOnlyList<UsageAggregate> Aggregate(DateTimeOffset since, UsageDimension by)
    {
        string group = by switch
        {
            UsageDimension.Day => "substr(started_at, 1, 10)",
            UsageDimension.Hour => "substr(started_at, 1, 13) || ':00'",
            UsageDimension.Model => "COALESCE(upstream_model, '-')",
            UsageDimension.Key => "COALESCE(key_name, '-')",
            UsageDimension.Total => "'total'",
            _ => "COALESCE(provider, '-')",
        };
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH rows AS (
                SELECT {group} AS g, status, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost_usd, latency_ms, ttft_ms, tool_tokens_before, tool_tokens_after,
                       ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY latency_ms) AS lrank,
                       COUNT(*) OVER (PARTITION BY {group}) AS n,
                       ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY ttft_ms IS NULL, ttft_ms) AS trank,
                       COUNT(ttft_ms) OVER (PARTITION BY {group}) AS tn
                FROM request_log WHERE started_at >= $since)
            SELECT g, COUNT(*), SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END),
                   COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(reasoning_tokens), 0),
                   COALESCE(SUM(cost_usd), 0),
                   MIN(CASE WHEN lrank >= 0.50 * n THEN latency_ms END), MIN(CASE WHEN lrank >= 0.95 * n THEN latency_ms END),
                   MIN(CASE WHEN tn > 0 AND trank >= 0.50 * tn AND ttft_ms IS NOT NULL THEN ttft_ms END),
                   MIN(CASE WHEN tn > 0 AND trank >= 0.95 * tn AND ttft_ms IS NOT NULL THEN ttft_ms END),
                   COALESCE(SUM(tool_tokens_before), 0), COALESCE(SUM(tool_tokens_after), 0)
            FROM rows GROUP BY g ORDER BY g
            """;
        command.Parameters.AddWithValue("$since", Iso(since));
        using var reader = command.ExecuteReader();
        var groups = new List<UsageAggregate>();
        while (reader.Read())
        {
            groups.Add(new UsageAggregate
            {
                Group = reader.GetString(0),
                Requests = reader.GetInt64(1),
                Errors = reader.GetInt64(2),
                InputTokens = reader.GetInt64(3),
                OutputTokens = reader.GetInt64(4),
                CachedTokens = reader.GetInt64(5),
                ReasoningTokens = reader.GetInt64(6),
                CostUsd = (decimal)reader.GetDouble(7),
                LatencyP50Ms = Double(reader, 8),
                LatencyP95Ms = Double(reader, 9),
                TtftP50Ms = Double(reader, 10),
                TtftP95Ms = Double(reader, 11),
                ToolTokensBefore = reader.GetInt64(12),
                ToolTokensAfter = reader.GetInt64(13),
            });
        }
        return groups;
    }

    /// <summary>A page of the request log, newest first.</summary>
    /// <summary>The most rows one query returns (a CSV export's page).</summary>
    public const int MaxRequestRows = 100_000;

    public IReadOnlyList<RequestLogRow> Requests(RequestLogQuery query)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }
        Filter("started_at < $before", "$before", query.Before is { } before ? Iso(before) : null);
        Filter("started_at >= $since", "$since", query.Since is { } since ? Iso(since) : null);
        Filter("key_name = $key", "$key", query.Key);
        Filter("provider = $provider", "$provider", query.Provider);
        Filter("(upstream_model = $model OR requested_model = $model)", "$model", query.Model);
        Filter("status = $status", "$status", query.Status);
        Filter("id = $id", "$id", query.Id);
        command.CommandText = $"SELECT {RequestLogColumns.List} FROM request_log {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY started_at DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, MaxRequestRows));
        using var reader = command.ExecuteReader();
        var rows = new List<RequestLogRow>();
        while (reader.Read())
        {
            rows.Add(RequestLogColumns.Read(reader));
        }
        return rows;
    }

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static double? Double(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}
