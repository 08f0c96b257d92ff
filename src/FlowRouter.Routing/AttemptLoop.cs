using FlowRouter.Core.Errors;
using FlowRouter.Providers.Catalog;
using FlowRouter.Providers.Http;
using FlowRouter.Routing.Failures;

namespace FlowRouter.Routing;

/// <summary>
/// Tries a request's targets in plan order until one answers (DESIGN.md §1, commitment rule: nothing reaches the
/// client from here, so every failover is invisible to it). For each target it picks a provider key that is not
/// resting; a failure is matched against the failure rules, which say how long that key/model rests and whether to
/// try another key, the next target, only a target with a larger context window, or to answer the client now.
/// Targets whose every key rests are skipped; when nothing else worked, panic mode tries the one whose rest ends
/// first. With hedging, a second target starts beside a first that is slow to produce its first event.
/// </summary>
public sealed class AttemptLoop(UpstreamExecutor executor, RoutingRuntime routing)
{
    /// <summary>
    /// Builds the upstream request for a target, or returns the error that makes the target unusable for this
    /// request (e.g. its wire format is not supported yet), which counts as a provider-side failure.
    /// </summary>
    public delegate bool RequestBuilder(Target target, out UpstreamRequest? request, out GatewayError? unusable);

    public RoutingRuntime Routing => routing;

    /// <summary>Tries the targets in listed order (no combo strategy).</summary>
    public async ValueTask<RoutedCall> RunAsync(IReadOnlyList<Target> targets, RequestBuilder buildRequest, CancellationToken clientAborted)
    {
        using var listed = RoutePlan.Of(targets);
        return await RunAsync(listed, buildRequest, clientAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// An auxiliary call (token counting, model lists) to the targets in listed order: it skips resting keys like a
    /// generation, but its failures rest nothing and its successes end no rest (<see cref="RoutePlan.SideCall"/>), so
    /// one count that a provider cannot answer never blocks the model for everyone.
    /// </summary>
    public async ValueTask<RoutedCall> RunSideCallAsync(IReadOnlyList<Target> targets, RequestBuilder buildRequest, CancellationToken clientAborted)
    {
        using var listed = RoutePlan.Of(targets, sideCall: true);
        return await RunAsync(listed, buildRequest, clientAborted).ConfigureAwait(false);
    }

    public async ValueTask<RoutedCall> RunAsync(RoutePlan plan, RequestBuilder buildRequest, CancellationToken clientAborted)
    {
        var run = new Run(this, plan, buildRequest, clientAborted);
        for (int i = 0; i < plan.Count; i++)
        {
            var outcome = plan.HedgeAfter is { } hedge && i == 0 && plan.Count > 1
                ? await run.TryHedgedAsync(hedge).ConfigureAwait(false)
                : await run.TryTargetAsync(plan[i]).ConfigureAwait(false);
            if (outcome is not null)
            {
                return outcome;
            }
            if (run.Hedged)
            {
                i++; // the hedge already tried the second target
            }
        }
        return await run.PanicOrFailAsync().ConfigureAwait(false);
    }

    /// <summary>The state of one request's attempts.</summary>
    private sealed class Run(AttemptLoop loop, RoutePlan plan, RequestBuilder build, CancellationToken clientAborted)
    {
        private readonly List<AttemptRecord> _attempts = new(plan.Count + 1);
        private readonly List<(Target Target, GatewayError Error)> _failures = [];
        private (Target Target, Rest State, int Key)? _panic;
        private DateTimeOffset? _soonestRestEnd;
        private int _resting;
        private int _restingForMissingModel;
        private int? _contextFloor;
        private GatewayError? _contextError;

        private RoutingRuntime Routing => loop.Routing;

        public bool Hedged { get; private set; }

        /// <summary>Every usable key of one target, as the rules say; a result ends the loop, null moves on.</summary>
        public async ValueTask<RoutedCall?> TryTargetAsync(Target target)
        {
            if (SkipForContext(target))
            {
                return null;
            }
            ulong tried = 0;
            while (true)
            {
                int key = plan.SideCall ? Routing.PickRestedKey(target, tried, out var rest, out int restKey) : Routing.PickKey(target, tried, out rest, out restKey);
                if (key < 0)
                {
                    if (tried == 0)
                    {
                        NoteResting(target, rest, restKey);
                    }
                    return null;
                }
                tried |= 1UL << key;
                if (!build(target, out var request, out var unusable))
                {
                    EndProbe(target, key);
                    _attempts.Add(new AttemptRecord(target.Address, null, "skipped: " + unusable!.Message, TimeSpan.Zero));
                    _failures.Add((target, unusable));
                    return null;
                }
                var (result, action) = await AttemptAsync(target, key, request!, hedged: false, panicking: false, clientAborted).ConfigureAwait(false);
                if (result is not null || action is RuleAction.NextTarget or RuleAction.NextLargerContext)
                {
                    return result;
                }
            }
        }

        /// <summary>
        /// The first target, and after <paramref name="delay"/> without its first event the second beside it; the
        /// first to produce content wins and the other is cancelled. Falls back to sequential order when the first
        /// target cannot be tried at all.
        /// </summary>
        public async ValueTask<RoutedCall?> TryHedgedAsync(TimeSpan delay)
        {
            var first = plan[0];
            var second = plan[1];
            int firstKey = Routing.PickKey(first, 0, out _, out _);
            if (firstKey < 0 || !build(first, out var firstRequest, out _))
            {
                if (firstKey >= 0)
                {
                    Routing.Book.EndProbe(first.Provider.Id, firstKey, first.Model);
                }
                return await TryTargetAsync(first).ConfigureAwait(false);
            }
            using var firstCancel = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
            var firstTask = AttemptAsync(first, firstKey, firstRequest!, hedged: false, panicking: false, firstCancel.Token).AsTask();
            var timer = Task.Delay(delay, Routing.Time, clientAborted);
            if (await Task.WhenAny(firstTask, timer).ConfigureAwait(false) == firstTask || clientAborted.IsCancellationRequested)
            {
                var (result, _) = await firstTask.ConfigureAwait(false);
                return result;
            }
            int secondKey = Routing.PickKey(second, 0, out _, out _);
            if (secondKey < 0 || !build(second, out var secondRequest, out _))
            {
                if (secondKey >= 0)
                {
                    Routing.Book.EndProbe(second.Provider.Id, secondKey, second.Model);
                }
                return (await firstTask.ConfigureAwait(false)).Result;
            }
            Hedged = true;
            using var secondCancel = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
            var secondTask = AttemptAsync(second, secondKey, secondRequest!, hedged: true, panicking: false, secondCancel.Token).AsTask();
            var winner = await Task.WhenAny(firstTask, secondTask).ConfigureAwait(false);
            var (won, _) = await winner.ConfigureAwait(false);
            var other = winner == firstTask ? secondTask : firstTask;
            if (won is { Call: not null })
            {
                await (winner == firstTask ? secondCancel : firstCancel).CancelAsync().ConfigureAwait(false);
                var (lost, _) = await other.ConfigureAwait(false);
                if (lost?.Call is { } late)
                {
                    await late.DisposeAsync().ConfigureAwait(false); // both answered: the later one is not needed
                }
                return won with { Attempts = [.. _attempts] };
            }
            var (remaining, _) = await other.ConfigureAwait(false);
            return remaining ?? won;
        }

        /// <summary>When nothing answered: the resting target whose rest ends first (panic mode), else the error.</summary>
        public async ValueTask<RoutedCall> PanicOrFailAsync()
        {
            if (Routing.PanicMode && !plan.SideCall && _panic is { } panic && build(panic.Target, out var request, out _))
            {
                var (result, _) = await AttemptAsync(panic.Target, panic.Key, request!, hedged: false, panicking: true, clientAborted).ConfigureAwait(false);
                if (result is not null)
                {
                    return result;
                }
            }
            if (_contextError is not null && _failures.Count == 0)
            {
                return new RoutedCall(null, null, _contextError, _attempts);
            }
            return new RoutedCall(null, _failures.Count > 0 ? _failures[^1].Target : null, Summarize(), _attempts);
        }

        /// <summary>One attempt with one key; a result ends the loop (success, client gone, client error).</summary>
        private async ValueTask<(RoutedCall? Result, RuleAction Action)> AttemptAsync(
            Target target, int key, UpstreamRequest request, bool hedged, bool panicking, CancellationToken token)
        {
            var provider = target.Provider;
            long started = Routing.Time.GetTimestamp();
            var attempt = await loop._executor.SendAsync(provider, request, token, provider.ApiKeyAt(key), plan.Timeouts).ConfigureAwait(false);
            var elapsed = Routing.Time.GetElapsedTime(started);
            string label = panicking ? "panic: " : "";
            if (!plan.SideCall)
            {
                Routing.Quota.Record(provider.Id, key, attempt.Call?.RateLimit ?? attempt.Failure?.RateLimit);
            }
            if (attempt.Call is { } call)
            {
                if (!plan.SideCall)
                {
                    Routing.Book.Succeeded(provider.Id, key, target.Model);
                    Routing.Latency.Record(target.Address, call.TimeToFirstEvent);
                }
                lock (_attempts)
                {
                    _attempts.Add(new AttemptRecord(target.Address, call.Status, label + "ok", elapsed) { Key = key, Hedged = hedged });
                }
                return (new RoutedCall(call, target, null, _attempts), RuleAction.NextTarget);
            }
            var failure = attempt.Failure!;
            if (failure.Action == FailureAction.ClientGone)
            {
                EndProbe(target, key);
                lock (_attempts)
                {
                    _attempts.Add(new AttemptRecord(target.Address, null, hedged || token != clientAborted ? "cancelled" : "client gone", elapsed) { Key = key, Hedged = hedged });
                }
                return (token == clientAborted || clientAborted.IsCancellationRequested ? new RoutedCall(null, target, failure.Error, _attempts) { ClientGone = true } : null, RuleAction.NextTarget);
            }
            var rule = Routing.Rules.Match(failure);
            if (!plan.SideCall)
            {
                Routing.Book.Cool(provider.Id, key, target.Model, rule, ResetIn(failure));
            }
            lock (_attempts)
            {
                _attempts.Add(new AttemptRecord(target.Address, failure.UpstreamStatus, label + rule.Name + ": " + failure.Error.Message, elapsed) { Key = key, Rule = rule.Name, Hedged = hedged });
                _failures.Add((target, failure.Error));
            }
            switch (rule.Action)
            {
                case RuleAction.FailClient:
                    return (new RoutedCall(null, target, failure.Error, _attempts), rule.Action);
                case RuleAction.NextLargerContext:
                    _contextFloor = ModelCatalog.Find(target.Model)?.ContextWindow ?? int.MaxValue;
                    _contextError = failure.Error;
                    return (null, rule.Action);
                default:
                    return (null, rule.Action);
            }
        }

        /// <summary>A probe this request took ends without a verdict (side calls take none).</summary>
        private void EndProbe(Target target, int key)
        {
            if (!plan.SideCall)
            {
                Routing.Book.EndProbe(target.Provider.Id, key, target.Model);
            }
        }

        /// <summary>Retry-After when the upstream sent one, else the reset its rate-limit headers name for the spent budget.</summary>
        private TimeSpan? ResetIn(UpstreamFailure failure)
        {
            if (failure.Error.RetryAfterSeconds is { } seconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }
            var now = Routing.Time.GetUtcNow();
            return failure.RateLimit?.BlockedUntil(now) is { } until && until > now ? until - now : null;
        }

        /// <summary>After a context-length failure only a target with a known larger window is worth trying.</summary>
        private bool SkipForContext(Target target)
        {
            if (_contextFloor is not { } floor)
            {
                return false;
            }
            if (ModelCatalog.Find(target.Model)?.ContextWindow is { } window && window > floor)
            {
                return false;
            }
            _attempts.Add(new AttemptRecord(target.Address, null, "skipped: context window not larger than the one that overflowed", TimeSpan.Zero));
            return true;
        }

        private void NoteResting(Target target, Rest? rest, int key)
        {
            string why = rest is { Disabled: true } ? "key disabled" : rest is { } r ? $"resting until {r.Until:HH:mm:ss} ({r.Rule})" : "resting";
            _attempts.Add(new AttemptRecord(target.Address, null, "skipped: " + why, TimeSpan.Zero) { Key = key >= 0 ? key : null, Rule = rest?.Rule });
            if (rest is { Disabled: false, Rule: not "model-not-found" } candidate && (_panic is null || candidate.Until < _panic.Value.State.Until))
            {
                _panic = (target, candidate, key);
            }
            _resting++;
            if (rest is { Rule: ModelNotFoundRule })
            {
                _restingForMissingModel++;
            }
            if (rest is { Disabled: false } open && (_soonestRestEnd is null || open.Until < _soonestRestEnd))
            {
                _soonestRestEnd = open.Until;
            }
        }

        /// <summary>One target: its own error as is. Several: the last one's status, and every target's reason.</summary>
        private GatewayError Summarize()
        {
            string resting = _attempts.Count > 0 ? string.Join("; ", _attempts.Select(a => $"{a.Target}: {a.Outcome}")) : "";
            if (_failures.Count == 0 && _resting > 0 && _restingForMissingModel == _resting)
            {
                // Not a rate limit: the providers said they do not have this model, and asking again within the rest
                // would only hear it again. A 429 here made clients retry a model that will never answer.
                return new GatewayError(ErrorKind.NotFound, 404,
                    $"The model is not available: its provider recently answered that it does not have it ({resting}).") { Code = "model_not_found", Param = "model" };
            }
            if (_failures.Count == 0)
            {
                return new GatewayError(ErrorKind.RateLimited, 429, "No target is available for this model right now." + (resting.Length > 0 ? " Every target is resting after recent failures: " + resting : ""))
                { RetryAfterSeconds = RetryAfter() };
            }
            var last = _failures[^1].Error;
            if (_failures.Count > 1)
            {
                string reasons = string.Join("; ", _failures.Select(f => $"{f.Target.Address}: {f.Error.Message}"));
                last = last with { Message = $"All {_failures.Count} attempts failed. {reasons}" };
            }
            // Every 429 the client gets says when to come back, even when the upstream's own did not.
            return last.Status == 429 && last.RetryAfterSeconds is null ? last with { RetryAfterSeconds = RetryAfter() } : last;
        }

        /// <summary>Seconds until the first rest among the targets ends (at least 1); 1 when none is known.</summary>
        private int RetryAfter()
        {
            var now = Routing.Time.GetUtcNow();
            var soonest = _soonestRestEnd;
            foreach (var (target, _) in _failures)
            {
                int keys = Math.Min(Math.Max(target.Provider.Config.ApiKeys.Count, 1), 64);
                for (int key = 0; key < keys; key++)
                {
                    if (Routing.Book.RestOf(target.Provider.Id, key, target.Model) is { Disabled: false } rest && (soonest is null || rest.Until < soonest))
                    {
                        soonest = rest.Until;
                    }
                }
            }
            return soonest is { } until ? Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)) : 1;
        }
    }

    private const string ModelNotFoundRule = "model-not-found";

    private readonly UpstreamExecutor _executor = executor;
}
