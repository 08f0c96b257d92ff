namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Scheduled backups: every interval (on the injected <see cref="TimeProvider"/>, so tests drive it with a fake
/// clock) a backup to backups/flowrouter-&lt;ts&gt;.db, then the oldest of those beyond <c>keep</c> are deleted.
/// A failed backup is reported and the next tick tries again; it never stops the server.
/// </summary>
public sealed class BackupSchedule : IAsyncDisposable
{
    private readonly SqliteStore _store;
    private readonly string _dataDir;
    private readonly TimeSpan _interval;
    private readonly int _keep;
    private readonly TimeProvider _time;
    private readonly Action<string?, Exception?> _report;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <param name="report">Called after each run: (path, null) on success, (null, error) on failure.</param>
    public BackupSchedule(SqliteStore store, string dataDir, TimeSpan interval, int keep, TimeProvider time, Action<string?, Exception?>? report = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        _store = store;
        _dataDir = dataDir;
        _interval = interval;
        _keep = keep;
        _time = time;
        _report = report ?? ((_, _) => { });
    }

    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>One backup now, then retention. Returns the new file.</summary>
    public string RunOnce()
    {
        string path = _store.BackupToDefault(_dataDir, _time.GetUtcNow());
        BackupFiles.Prune(BackupFiles.DirectoryFor(_dataDir), _keep);
        return path;
    }

    private async Task RunAsync(CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                try
                {
                    _report(RunOnce(), null);
                }
                catch (Exception ex) when (ex is StoreException or IOException or UnauthorizedAccessException)
                {
                    _report(null, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
