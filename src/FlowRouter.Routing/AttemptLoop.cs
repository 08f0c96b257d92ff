using FlowRouter.Core.Errors;
using FlowRouter.Providers.Http;

namespace FlowRouter.Routing;

/// <summary>
/// Tries targets in order until one answers. A failure that is the provider's fault moves on to the next target;
/// the client's own mistake, or the client leaving, ends the loop. Nothing reaches the client from here, so every
/// failover is invisible to it (DESIGN.md §1, commitment rule).
/// </summary>
public sealed class AttemptLoop(UpstreamExecutor executor)
{
    /// <summary>
    /// Builds the upstream request for a target, or returns the error that makes the target unusable for this
    /// request (e.g. its wire format is not supported yet), which counts as a provider-side failure.
    /// </summary>
    public delegate bool RequestBuilder(Target target, out UpstreamRequest? request, out GatewayError? unusable);

    public async ValueTask<RoutedCall> RunAsync(IReadOnlyList<Target> targets, RequestBuilder buildRequest, CancellationToken clientAborted)
    {
        var attempts = new List<AttemptRecord>(targets.Count);
        var failures = new List<(Target Target, GatewayError Error)>();
        foreach (var target in targets)
        {
            if (!buildRequest(target, out var request, out var unusable))
            {
                attempts.Add(new AttemptRecord(target.Address, null, "skipped: " + unusable!.Message, TimeSpan.Zero));
                failures.Add((target, unusable));
                continue;
            }
            long started = TimeProvider.System.GetTimestamp();
            var result = await executor.SendAsync(target.Provider, request!, clientAborted).ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (result.Call is { } call)
            {
                attempts.Add(new AttemptRecord(target.Address, call.Status, "ok", elapsed));
                return new RoutedCall(call, target, null, attempts);
            }
            var failure = result.Failure!;
            attempts.Add(new AttemptRecord(target.Address, failure.UpstreamStatus, failure.Action + ": " + failure.Error.Message, elapsed));
            if (failure.Action == FailureAction.ClientGone)
            {
                return new RoutedCall(null, target, failure.Error, attempts) { ClientGone = true };
            }
            failures.Add((target, failure.Error));
            if (failure.Action == FailureAction.FailClient)
            {
                return new RoutedCall(null, target, failure.Error, attempts);
            }
        }
        return new RoutedCall(null, failures.Count > 0 ? failures[^1].Target : null, Summarize(failures), attempts);
    }

    /// <summary>One target: its own error as is. Several: the last one's status, and every target's reason.</summary>
    private static GatewayError Summarize(List<(Target Target, GatewayError Error)> failures)
    {
        if (failures.Count == 0)
        {
            return new GatewayError(ErrorKind.NotFound, 404, "No target is available for this model.");
        }
        var last = failures[^1].Error;
        if (failures.Count == 1)
        {
            return last;
        }
        string reasons = string.Join("; ", failures.Select(f => $"{f.Target.Address}: {f.Error.Message}"));
        return last with { Message = $"All {failures.Count} targets failed. {reasons}" };
    }
}
