using System.Text.Json.Nodes;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Storage.Secrets;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Runtime.Editing;

/// <summary>
/// Changes the config entries that live in the store (providers, combos, client keys, settings) for the admin API and
/// the CLI. Each change is checked against the whole running config first (unknown targets, cycles, names the file
/// already uses), then written, then the merged config is handed to <see cref="Changed"/> to be swapped in. Entries
/// from the config file are read-only. Every write bumps a generation number in the store, so a server sharing the
/// store with the CLI (or, later, other instances) picks the change up (see <see cref="ReloadIfChanged"/>).
/// </summary>
internal sealed partial class ConfigEditor(FlowRouterConfig file, SqliteStore store, SecretBox secrets, TimeProvider time)
{
    private const string GenerationSetting = "config_generation";

    private readonly Lock _editLock = new();
    private string? _seenGeneration;

    /// <summary>Called with the merged config after every change (the server swaps it in).</summary>
    public event Action<FlowRouterConfig>? Changed;

    /// <summary>What the last composition found worth telling (shadowed entries, undecryptable credentials, …).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The merged config as the store holds it now.</summary>
    public FlowRouterConfig Compose()
    {
        lock (_editLock)
        {
            return ComposeLocked();
        }
    }

    /// <summary>Recomposes and raises <see cref="Changed"/> when another process changed the store since last seen.</summary>
    public bool ReloadIfChanged()
    {
        lock (_editLock)
        {
            if (store.GetSetting(GenerationSetting) == _seenGeneration)
            {
                return false;
            }
            Changed?.Invoke(ComposeLocked());
            return true;
        }
    }

    private FlowRouterConfig ComposeLocked()
    {
        _seenGeneration = store.GetSetting(GenerationSetting);
        var problems = new List<string>();
        var config = ConfigComposer.Compose(file, StoredConfig.Load(store, secrets), problems);
        Problems = problems;
        return config;
    }

    /// <summary>Runs one change under the edit lock: check against the current config, write, then publish.</summary>
    private T Edit<T>(Func<FlowRouterConfig, T> change)
    {
        lock (_editLock)
        {
            var current = ComposeLocked();
            T result = change(current);
            long generation = long.TryParse(store.GetSetting(GenerationSetting), out long g) ? g + 1 : 1;
            store.SetSetting(GenerationSetting, generation.ToString(System.Globalization.CultureInfo.InvariantCulture), time.GetUtcNow());
            Changed?.Invoke(ComposeLocked());
            return result;
        }
    }

    /// <summary>The refusal for a name already in use: by a stored entry (409 already_exists) or by the file's (409 read_only).</summary>
    private ConfigEditException Taken(string what, string origin) =>
        origin == ConfigOrigins.Store ? ConfigEditException.Exists(what) : ConfigEditException.ReadOnly(what, origin, file.SourcePath);

    /// <summary>Reads an entry document with the config file's rules; a problem is a 400 naming the field.</summary>
    private static T Read<T>(Func<T> read, string code)
    {
        try
        {
            return read();
        }
        catch (ConfigException ex)
        {
            throw ConfigEditException.Invalid(code, ex.Message);
        }
    }

    /// <summary><paramref name="body"/> laid over <paramref name="existing"/> field by field (PATCH), or the body alone (PUT).</summary>
    private static JsonObject Overlay(JsonObject existing, JsonObject body, bool merge)
    {
        var result = merge ? (JsonObject)existing.DeepClone() : [];
        foreach (var (name, value) in body)
        {
            result[name] = value?.DeepClone();
        }
        return result;
    }

    /// <summary>The entry's name field must be absent or equal the one in the path (entries are not renamed).</summary>
    private static void SameName(JsonObject body, string field, string name)
    {
        if (body[field] is { } given && (given.GetValueKind() != System.Text.Json.JsonValueKind.String || given.GetValue<string>() != name))
        {
            throw ConfigEditException.Invalid("name_mismatch", $"{field} in the body must be '{name}' (entries cannot be renamed; create a new one).");
        }
        body[field] = name;
    }

    private static JsonObject Document(string json) => JsonNode.Parse(json) as JsonObject ?? [];
}
