using FlowRouter.Core.Config;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// The admin password's argon2id hash: server.admin_password_hash (read-only) or the store setting
/// <see cref="SettingName"/> (set through the API or `flowrouter admin password`). The setting is read from the store
/// on every use, not cached, so a password set or cleared with the CLI while the server runs counts at once.
/// </summary>
internal sealed class AdminPassword(ServerConfig server, SqliteStore store)
{
    public const string SettingName = "admin_password_hash";

    public (string? Hash, PasswordSource Source) Current()
    {
        if (server.AdminPasswordHash is { } configured)
        {
            return (configured, PasswordSource.Config);
        }
        // Any non-empty value counts as set, even one that no longer parses: fail closed (login then says what is wrong).
        return store.GetSetting(SettingName) is { Length: > 0 } stored ? (stored, PasswordSource.Store) : (null, PasswordSource.None);
    }

    public bool IsSet => Current().Hash is not null;

    /// <summary>Stores a new hash, or removes the stored one when <paramref name="hash"/> is null.</summary>
    public void Store(string? hash, DateTimeOffset now) => store.SetSetting(SettingName, hash, now);
}
