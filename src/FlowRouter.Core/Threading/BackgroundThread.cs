namespace FlowRouter.Core.Threading;

/// <summary>
/// Runs a long-lived bookkeeping loop (the request-log writer, the log-line writer) on a dedicated background thread,
/// so its blocking waits and synchronous I/O never occupy a thread-pool worker that requests need.
/// </summary>
public static class BackgroundThread
{
    /// <summary>Starts <paramref name="work"/> on a new background thread; the task completes when it returns.</summary>
    public static Task Start(string name, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }
}
