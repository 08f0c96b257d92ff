namespace FlowRouter.Providers.Http;

/// <summary>
/// One cancellation source per attempt that fires at the nearest of the current phase's limit (first byte, idle)
/// and the total limit, and at once when the client goes away. Remembers which limit it armed, so a cancellation
/// can be reported as the right timeout — or as the client's own doing, which is never the provider's fault.
/// </summary>
internal sealed class AttemptDeadline : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _clientRegistration;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly TimeSpan _total;

    public AttemptDeadline(TimeProvider time, TimeSpan total, CancellationToken clientAborted)
    {
        _time = time;
        _total = total;
        _startedAt = time.GetTimestamp();
        ClientAborted = clientAborted;
        _cts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _clientRegistration = clientAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _cts);
        Phase = "total";
        PhaseLimit = total;
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>The connect limit this attempt ran under (for reporting a connect timeout).</summary>
    public TimeSpan ConnectLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest gap allowed between stream events or body reads for this attempt.</summary>
    public TimeSpan IdleLimit { get; init; } = TimeSpan.FromSeconds(90);
    public CancellationToken ClientAborted { get; }
    public string Phase { get; private set; }
    public TimeSpan PhaseLimit { get; private set; }

    public bool ClientGone => ClientAborted.IsCancellationRequested;

    /// <summary>Starts the given phase's clock; the total limit still applies if it is nearer.</summary>
    public void Arm(string phase, TimeSpan limit)
    {
        TimeSpan remaining = _total - _time.GetElapsedTime(_startedAt);
        if (remaining <= limit)
        {
            (Phase, PhaseLimit, limit) = ("total", _total, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
        }
        else
        {
            (Phase, PhaseLimit) = (phase, limit);
        }
        _cts.CancelAfter(limit);
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_startedAt);

    public void Dispose()
    {
        _clientRegistration.Dispose();
        _cts.Dispose();
    }
}
