using FlowRouter.Runtime.Editing;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Runtime;

/// <summary>
/// Picks up config changes another process wrote to the store (the `flowrouter keys` CLI beside a running server):
/// every couple of seconds one indexed read of the store's config generation; a change recomposes and swaps.
/// </summary>
internal static partial class ConfigWatch
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(ConfigEditor editor, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    if (editor.ReloadIfChanged())
                    {
                        Reloaded(logger);
                    }
                }
                catch (Exception ex) when (ex is Storage.StoreException or Microsoft.Data.Sqlite.SqliteException or Configuration.ConfigException)
                {
                    ReloadFailed(logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "config: changes made by another process were loaded")]
    private static partial void Reloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "config: could not load changes from the store ({Error}); the running config is unchanged")]
    private static partial void ReloadFailed(ILogger logger, string error);
}
