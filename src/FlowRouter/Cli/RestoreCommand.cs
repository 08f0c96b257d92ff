using FlowRouter.Hosting;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Cli;

/// <summary>
/// `flowrouter restore FILE [--data-dir DIR]`: replace the store with a backup. Refuses (exit 1) while a server runs
/// on the data dir, and refuses a file that is not a FlowRouter database or comes from a newer FlowRouter. The
/// current database is kept under backups/ first.
/// </summary>
internal static class RestoreCommand
{
    public static int Run(string file, string? dataDirFlag, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        string dataDir = SettingsResolver.ResolveDataDir(dataDirFlag, environment);
        string? kept;
        try
        {
            kept = SqliteStore.Restore(dataDir, file, TimeProvider.System);
        }
        catch (StoreException ex)
        {
            stderr.WriteLine("flowrouter: restore: " + ex.Message);
            return CliApp.ExitFailure;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"flowrouter: restore: {ex.Message}");
            return CliApp.ExitFailure;
        }
        stdout.WriteLine($"restored {Path.GetFullPath(file)} into {Path.Combine(dataDir, SqliteStore.FileName)}");
        if (kept is not null)
        {
            stdout.WriteLine($"the previous database is kept as {kept}");
        }
        return CliApp.ExitOk;
    }
}
