using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>Maps <see cref="RequestLogRow"/> to and from request_log columns by hand (no reflection under AOT).</summary>
internal static class RequestLogColumns
{
    /// <summary>The columns in the order <see cref="Bind"/> and <see cref="Read"/> use (SELECT lists name them, never *).</summary>
    public const string List = "id, started_at, key_name, ingress, requested_model, provider, upstream_model, status, stream, latency_ms, ttft_ms, " +
        "input_tokens, output_tokens, cached_tokens, reasoning_tokens, attempts, error, attempts_json, cache_write_tokens, cost_usd, request_bytes, response_bytes, " +
        "tool_tokens_before, tool_tokens_after";

    private static readonly string[] Names =
        ["$id", "$at", "$key", "$ingress", "$model", "$provider", "$upstream", "$status", "$stream", "$latency", "$ttft", "$in", "$out", "$cached", "$reasoning", "$attempts", "$error", "$attempts_json",
         "$cache_write", "$cost", "$request_bytes", "$response_bytes", "$tool_before", "$tool_after"];

    /// <summary>The parameter list matching <see cref="List"/>.</summary>
    public static string Parameters => string.Join(", ", Names);

    public static SqliteParameter[] Create(SqliteCommand command) =>
        Names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

    public static void Bind(SqliteParameter[] p, RequestLogRow row)
    {
        object?[] values =
        [
            row.Id, RequestLogWriter.Iso(row.StartedAt), row.KeyName, row.Ingress, row.RequestedModel, row.Provider, row.UpstreamModel,
            row.Status, row.Stream ? 1 : 0, row.LatencyMs, row.TtftMs, row.InputTokens, row.OutputTokens, row.CachedTokens,
            row.ReasoningTokens, row.Attempts, row.Error, row.AttemptsJson,
            row.CacheWriteTokens, row.CostUsd is { } cost ? (double)cost : null, row.RequestBytes, row.ResponseBytes,
            row.ToolTokensBefore, row.ToolTokensAfter,
        ];
        for (int i = 0; i < p.Length; i++)
        {
            p[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public static RequestLogRow Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        StartedAt = DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
        KeyName = Text(r, 2),
        Ingress = Text(r, 3),
        RequestedModel = Text(r, 4),
        Provider = Text(r, 5),
        UpstreamModel = Text(r, 6),
        Status = r.GetInt32(7),
        Stream = r.GetInt32(8) != 0,
        LatencyMs = r.GetDouble(9),
        TtftMs = r.IsDBNull(10) ? null : r.GetDouble(10),
        InputTokens = Number(r, 11),
        OutputTokens = Number(r, 12),
        CachedTokens = Number(r, 13),
        ReasoningTokens = Number(r, 14),
        Attempts = r.GetInt32(15),
        Error = Text(r, 16),
        AttemptsJson = Text(r, 17),
        CacheWriteTokens = Number(r, 18),
        CostUsd = r.IsDBNull(19) ? null : (decimal)r.GetDouble(19),
        RequestBytes = Number(r, 20),
        ResponseBytes = Number(r, 21),
        ToolTokensBefore = Number(r, 22),
        ToolTokensAfter = Number(r, 23),
    };

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static long? Number(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
