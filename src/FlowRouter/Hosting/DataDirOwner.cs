using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>
/// What the server holds on its data dir while it runs: the exclusive server.lock (so `flowrouter restore` refuses
/// and a second server on the same dir fails at start) and, when server.backup_interval_hours is set, the scheduled
/// backups.
/// </summary>
internal sealed partial class DataDirOwner : IAsyncDisposable
{
    private readonly DataDirLock _lock;
    private BackupSchedule? _backups;

    private DataDirOwner(DataDirLock dataLock) => _lock = dataLock;

    public static DataDirOwner Acquire(string dataDir) => new(DataDirLock.Acquire(dataDir));

    public void StartBackups(ServerSettings settings, SqliteStore store, TimeProvider time, ILogger logger)
    {
        var server = settings.Config.Server;
        if (server.BackupIntervalHours <= 0)
        {
            return;
        }
        _backups = new BackupSchedule(store, settings.DataDir, TimeSpan.FromHours(server.BackupIntervalHours), server.BackupKeep, time, (path, error) =>
        {
            if (error is null)
            {
                BackupWritten(logger, path!);
            }
            else
            {
                BackupFailed(logger, error.Message);
            }
        });
        _backups.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (_backups is not null)
        {
            await _backups.DisposeAsync().ConfigureAwait(false);
        }
        _lock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled backup written: {Path}")]
    private static partial void BackupWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "scheduled backup failed: {Error}; the next interval tries again")]
    private static partial void BackupFailed(ILogger logger, string error);
}
