using FlowRouter.Hosting;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Cli;

/// <summary>
/// `flowrouter backup [--out FILE] [--data-dir DIR]`: a consistent copy of the store, safe while a server is serving
/// from the same data dir (VACUUM INTO reads one snapshot). Prints the path of the copy.
/// </summary>
internal static class BackupCommand
{
    public static int Run(string? outPath, string? dataDirFlag, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        string dataDir = SettingsResolver.ResolveDataDir(dataDirFlag, environment);
        string destination;
        try
        {
            using var store = SqliteStore.OpenExisting(dataDir);
            if (outPath is null)
            {
                destination = store.BackupToDefault(Path.GetFullPath(dataDir), TimeProvider.System.GetUtcNow());
            }
            else
            {
                destination = Path.GetFullPath(outPath);
                store.Backup(destination);
            }
        }
        catch (StoreException ex)
        {
            stderr.WriteLine("flowrouter: backup: " + ex.Message);
            return CliApp.ExitFailure;
        }
        stdout.WriteLine(destination);
        return CliApp.ExitOk;
    }
}
