using System.Text.Json;
using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>
/// The server settings the admin API may change while the server runs. Precedence: a value the config file sets is
/// read-only; else the value stored through the API; else the default. Each value is kept in the store as JSON text.
/// </summary>
internal static class EditableSettings
{
    /// <summary>One setting: how to read it from a JSON value (with the config file's rules) and how to show it.</summary>
    public sealed record Definition(
        string Name,
        string Description,
        Func<ServerConfig, ConfigNode, ServerConfig> Apply,
        Action<Utf8JsonWriter, string, ServerConfig> Write)
    {
        /// <summary>The values a text setting takes, for a picker; null for booleans and numbers.</summary>
        public IReadOnlyList<string>? Options { get; init; }
    }

    public static readonly IReadOnlyList<Definition> All =
    [
        new("require_key", "Every /v1 call must present a client key, even when no key is configured (true/false).",
            (s, v) => s with { RequireKey = v.Bool() }, (j, n, s) => j.WriteBoolean(n, s.RequireKey)),
        new("max_body_mb", "The largest request body accepted, in MB (1-1024).",
            (s, v) => s with { MaxBodyMb = v.Int(1, 1024) }, (j, n, s) => j.WriteNumber(n, s.MaxBodyMb)),
        new("backup_interval_hours", "Hours between scheduled backups into <data-dir>/backups; 0 turns them off.",
            (s, v) => s with { BackupIntervalHours = v.Number(0, 24 * 366) }, (j, n, s) => j.WriteNumber(n, s.BackupIntervalHours)),
        new("backup_keep", "How many scheduled backups to keep (1-10000); older ones are deleted.",
            (s, v) => s with { BackupKeep = v.Int(1, 10_000) }, (j, n, s) => j.WriteNumber(n, s.BackupKeep)),
        new("token_saver", "Condense bulky tool output (diffs, logs, listings…) in requests before they go upstream (true/false); keys, combos and the x-flowrouter-token-saver header may override.",
            (s, v) => s with { TokenSaver = v.Bool() }, (j, n, s) => j.WriteBoolean(n, s.TokenSaver)),
        new("token_saver_min_chars", "Tool outputs shorter than this many characters are left untouched (0-10000000).",
            (s, v) => s with { TokenSaverMinChars = v.Int(0, 10_000_000) }, (j, n, s) => j.WriteNumber(n, s.TokenSaverMinChars)),
        new("caveman", "Ask models for terse answers: off, lite, full or ultra (code, paths, commands, errors and URLs stay exact); keys and the x-flowrouter-caveman header may override.",
            (s, v) => s with { Caveman = CavemanLevel(v) }, (j, n, s) => j.WriteString(n, s.Caveman)) { Options = CavemanLevels.All },
    ];

    /// <summary>A caveman level (off, lite, full, ultra); false counts as off.</summary>
    public static string CavemanLevel(ConfigNode value)
    {
        string text = value.String();
        return text is "false" or "no" ? CavemanLevels.Off
            : CavemanLevels.IsKnown(text) ? text
            : throw value.Error($"expected one of {string.Join(", ", CavemanLevels.All)}, got '{text}'");
    }

    public static Definition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// <paramref name="server"/> with the stored values applied, except where the config file set the field. A stored
    /// value that no longer reads (written by a later version, say) is skipped and reported.
    /// </summary>
    public static ServerConfig Apply(ServerConfig server, IReadOnlyDictionary<string, string> stored, ICollection<string>? problems = null)
    {
        foreach (var definition in All)
        {
            if (server.SetInFile.Contains(definition.Name) || !stored.TryGetValue(definition.Name, out string? json))
            {
                continue;
            }
            try
            {
                server = definition.Apply(server, ValueNode(definition.Name, json));
            }
            catch (ConfigException ex)
            {
                problems?.Add($"stored setting {ex.Message}; the default is used");
            }
        }
        return server;
    }

    /// <summary>Reads a JSON value for <paramref name="name"/> with the config file's rules (a ConfigException when wrong).</summary>
    public static ConfigNode ValueNode(string name, string json)
    {
        var root = ConfigLoader.ParseDocument(json, "settings") ?? throw new ConfigException($"{name}: a value is required");
        return new ConfigNode(root, "settings", name, environment: null);
    }

    /// <summary>The JSON text of a value, as stored.</summary>
    public static string ToJson(JsonElement value) => value.GetRawText();

    public static string Source(ServerConfig server, IReadOnlyDictionary<string, string> stored, string name) =>
        server.SetInFile.Contains(name) ? ConfigOrigins.File : stored.ContainsKey(name) ? ConfigOrigins.Store : "default";
}
