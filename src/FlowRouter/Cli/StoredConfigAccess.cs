using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Runtime.Editing;
using FlowRouter.Storage;
using FlowRouter.Storage.Secrets;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Cli;

/// <summary>
/// What the CLI's config commands work on: the config file (as the server would resolve it) and the data dir's store,
/// through the same <see cref="ConfigEditor"/> the admin API uses. Safe while a server runs on the same data dir: it
/// sees the change within seconds (it watches the store's config generation).
/// </summary>
internal sealed class StoredConfigAccess : IDisposable
{
    private StoredConfigAccess(SqliteStore store, ConfigEditor editor)
    {
        Store = store;
        Editor = editor;
    }

    public SqliteStore Store { get; }
    public ConfigEditor Editor { get; }

    /// <summary>Opens both, or writes one clear line to stderr and returns null.</summary>
    public static StoredConfigAccess? Open(ServeOptions options, string command, TextWriter stderr, Func<string, string?> environment)
    {
        try
        {
            var settings = SettingsResolver.Resolve(options, environment);
            var store = SqliteStore.Open(settings.DataDir, TimeProvider.System);
            var secrets = new SecretBox(MasterKey.Load(settings.DataDir, environment));
            return new StoredConfigAccess(store, new ConfigEditor(settings.Config, store, secrets, TimeProvider.System));
        }
        catch (Exception ex) when (ex is ConfigException or StoreException or SecretException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"flowrouter: {command}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The config file merged with the stored entries, as a server would run it.</summary>
    public FlowRouterConfig Compose() => Editor.Compose();

    public void Dispose() => Store.Dispose();
}
