using FlowRouter.Core.Config;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>
/// What the server holds on its data dir while it runs: the exclusive server.lock (so `flowrouter restore` refuses
/// and a second server on the same dir fails at start) and, when server.backup_interval_hours is set, the scheduled
/// backups. Taking it also fixes the data dir's modes (see <see cref="PrivateFiles"/>).
/// </summary>
internal sealed partial class DataDirOwner : IAsyncDisposable
{
    private readonly DataDirLock _lock;
    private readonly Lock _backupLock = new();
    private readonly List<Task> _stopped = [];
    private BackupSchedule? _backups;
    private (double Hours, int Keep) _backupSettings;

    private DataDirOwner(DataDirLock dataLock) => _lock = dataLock;

    /// <summary>Takes the lock, then makes the data dir private (0700, its files 0600), as an older version left it.</summary>
    public static DataDirOwner Acquire(string dataDir)
    {
        var owner = new DataDirOwner(DataDirLock.Acquire(dataDir));
        PrivateFiles.SecureDataDir(dataDir);
        return owner;
    }

    /// <summary>
    /// Runs scheduled backups as <paramref name="server"/> says (none when the interval is 0); called at start and
    /// whenever the settings change, it restarts the schedule only when the interval or the retention changed.
    /// </summary>
    public void ApplyBackups(ServerConfig server, string dataDir, SqliteStore store, TimeProvider time, ILogger logger)
    {
        lock (_backupLock)
        {
            if (_backupSettings == (server.BackupIntervalHours, server.BackupKeep))
            {
                return;
            }
            _backupSettings = (server.BackupIntervalHours, server.BackupKeep);
            _stopped.Add(_backups?.DisposeAsync().AsTask() ?? Task.CompletedTask);
            _backups = server.BackupIntervalHours > 0 ? StartSchedule(server, dataDir, store, time, logger) : null;
        }
    }

    private static BackupSchedule StartSchedule(ServerConfig server, string dataDir, SqliteStore store, TimeProvider time, ILogger logger)
    {
        var backups = new BackupSchedule(store, dataDir, TimeSpan.FromHours(server.BackupIntervalHours), server.BackupKeep, time, (path, error) =>
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
        backups.Start();
        return backups;
    }

    public async ValueTask DisposeAsync()
    {
        BackupSchedule? backups;
        lock (_backupLock)
        {
            backups = _backups;
            _backups = null;
        }
        if (backups is not null)
        {
            await backups.DisposeAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(_stopped).ConfigureAwait(false);
        _lock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled backup written: {Path}")]
    private static partial void BackupWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "scheduled backup failed: {Error}; the next interval tries again")]
    private static partial void BackupFailed(ILogger logger, string error);
}
