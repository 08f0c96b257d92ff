using System.Buffers;
using System.Text.Json;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// One request-log row as one line of the usage journal: a JSON object (null fields left out) and '\n'. Written by
/// hand with a per-thread writer and buffer, so journaling a row allocates nothing once the thread has warmed up.
/// A line that does not parse (cut by a crash mid-write, zeros left by a power loss) is reported, never thrown.
/// </summary>
internal static class JournalRowFormat
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The row's line, valid until the same thread serializes the next row.</summary>
    public static ReadOnlySpan<byte> Serialize(RequestLogRow row)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("id"u8, row.Id);
        json.WriteString("at"u8, row.StartedAt);
        Text(json, "key"u8, row.KeyName);
        Text(json, "ingress"u8, row.Ingress);
        Text(json, "model"u8, row.RequestedModel);
        Text(json, "provider"u8, row.Provider);
        Text(json, "upstream"u8, row.UpstreamModel);
        json.WriteNumber("status"u8, row.Status);
        json.WriteBoolean("stream"u8, row.Stream);
        json.WriteNumber("latency"u8, row.LatencyMs);
        if (row.TtftMs is { } ttft)
        {
            json.WriteNumber("ttft"u8, ttft);
        }
        Number(json, "in"u8, row.InputTokens);
        Number(json, "out"u8, row.OutputTokens);
        Number(json, "cached"u8, row.CachedTokens);
        Number(json, "reasoning"u8, row.ReasoningTokens);
        json.WriteNumber("attempts"u8, row.Attempts);
        Text(json, "error"u8, row.Error);
        Text(json, "attempts_json"u8, row.AttemptsJson);
        Number(json, "cache_write"u8, row.CacheWriteTokens);
        if (row.CostUsd is { } cost)
        {
            json.WriteNumber("cost"u8, cost);
        }
        Number(json, "request_bytes"u8, row.RequestBytes);
        Number(json, "response_bytes"u8, row.ResponseBytes);
        Number(json, "tool_before"u8, row.ToolTokensBefore);
        Number(json, "tool_after"u8, row.ToolTokensAfter);
        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
        return buffer.WrittenSpan;
    }

    /// <summary>Reads one line (without its '\n'); null when it is not a whole row.</summary>
    public static RequestLogRow? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            var row = new RowBuilder();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                row.Set(name, ref reader);
            }
            return reader.TokenType == JsonTokenType.EndObject && reader.BytesConsumed == line.Length ? row.Build() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static void Text(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    /// <summary>The fields of a row as they are read (replay is off the request path: clarity over speed).</summary>
    private sealed class RowBuilder
    {
        private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

        public void Set(string name, ref Utf8JsonReader reader)
        {
            _values[name] = reader.TokenType switch
            {
                JsonTokenType.String when name == "at" => reader.GetDateTimeOffset(),
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True or JsonTokenType.False => reader.GetBoolean(),
                JsonTokenType.Number when name is "latency" or "ttft" => reader.GetDouble(),
                JsonTokenType.Number when name == "cost" => reader.GetDecimal(),
                JsonTokenType.Number => reader.GetInt64(),
                JsonTokenType.Null => null,
                _ => throw new FormatException($"journal field {name}: unexpected {reader.TokenType}"),
            };
        }

        public RequestLogRow? Build()
        {
            if (Get<string>("id") is not { Length: > 0 } id || !_values.TryGetValue("at", out var at) || at is not DateTimeOffset startedAt)
            {
                return null;
            }
            return new RequestLogRow
            {
                Id = id,
                StartedAt = startedAt,
                KeyName = Get<string>("key"),
                Ingress = Get<string>("ingress"),
                RequestedModel = Get<string>("model"),
                Provider = Get<string>("provider"),
                UpstreamModel = Get<string>("upstream"),
                Status = (int)(Get<long?>("status") ?? 0),
                Stream = Get<bool?>("stream") ?? false,
                LatencyMs = Get<double?>("latency") ?? 0,
                TtftMs = Get<double?>("ttft"),
                InputTokens = Get<long?>("in"),
                OutputTokens = Get<long?>("out"),
                CachedTokens = Get<long?>("cached"),
                ReasoningTokens = Get<long?>("reasoning"),
                Attempts = (int)(Get<long?>("attempts") ?? 0),
                Error = Get<string>("error"),
                AttemptsJson = Get<string>("attempts_json"),
                CacheWriteTokens = Get<long?>("cache_write"),
                CostUsd = Get<decimal?>("cost"),
                RequestBytes = Get<long?>("request_bytes"),
                ResponseBytes = Get<long?>("response_bytes"),
                ToolTokensBefore = Get<long?>("tool_before"),
                ToolTokensAfter = Get<long?>("tool_after"),
            };
        }

        private T? Get<T>(string name) => _values.TryGetValue(name, out var value) && value is T typed ? typed : default;
    }
}
