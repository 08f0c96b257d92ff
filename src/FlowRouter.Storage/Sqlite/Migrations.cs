namespace FlowRouter.Storage.Sqlite;

/// <summary>The schema, as numbered steps. Append only: a shipped step is never edited.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> All =
    [
        (1, """
            CREATE TABLE model_cache (
                provider_id TEXT NOT NULL,
                base_url    TEXT NOT NULL,
                models_json TEXT NOT NULL,
                fetched_at  TEXT NOT NULL,
                PRIMARY KEY (provider_id, base_url)
            );
            CREATE TABLE request_log (
                id               TEXT PRIMARY KEY,
                started_at       TEXT NOT NULL,
                key_name         TEXT,
                ingress          TEXT,
                requested_model  TEXT,
                provider         TEXT,
                upstream_model   TEXT,
                status           INTEGER NOT NULL,
                stream           INTEGER NOT NULL,
                latency_ms       REAL NOT NULL,
                ttft_ms          REAL,
                input_tokens     INTEGER,
                output_tokens    INTEGER,
                cached_tokens    INTEGER,
                reasoning_tokens INTEGER,
                attempts         INTEGER NOT NULL,
                error            TEXT
            );
            CREATE INDEX request_log_started_at ON request_log (started_at);
            """),
        (2, """
            CREATE TABLE stored_responses (
                id            TEXT PRIMARY KEY,
                owner         TEXT NOT NULL,
                created_at    TEXT NOT NULL,
                previous_id   TEXT,
                input_json    TEXT NOT NULL,
                response_json TEXT NOT NULL
            );
            CREATE INDEX stored_responses_created_at ON stored_responses (created_at);
            """),
        (3, """
            ALTER TABLE request_log ADD COLUMN attempts_json TEXT;
            """),
        (4, """
            ALTER TABLE request_log ADD COLUMN cache_write_tokens INTEGER;
            ALTER TABLE request_log ADD COLUMN cost_usd REAL;
            ALTER TABLE request_log ADD COLUMN request_bytes INTEGER;
            ALTER TABLE request_log ADD COLUMN response_bytes INTEGER;
            """),
        (5, """
            CREATE TABLE settings (
                name       TEXT PRIMARY KEY,
                value      TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE config_providers (
                id         TEXT PRIMARY KEY,
                doc_json   TEXT NOT NULL,
                secrets    TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE config_combos (
                name       TEXT PRIMARY KEY,
                doc_json   TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE client_keys (
                name       TEXT PRIMARY KEY,
                key_sha256 TEXT NOT NULL UNIQUE,
                doc_json   TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """),
        (6, """
            ALTER TABLE request_log ADD COLUMN tool_tokens_before INTEGER;
            ALTER TABLE request_log ADD COLUMN tool_tokens_after INTEGER;
            """),
    ];

    public static int Latest => All[^1].Version;
}
