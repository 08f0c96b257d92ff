using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Ingress;
using FlowRouter.Limits;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Endpoints;

/// <summary>
/// One client-facing API endpoint, whatever its wire format. Reads straight down: authenticate, check the body, let
/// the ingress protocol parse it, resolve the model, try targets until one answers, relay the answer. The protocol
/// decides per target between passthrough (same format: bytes go through with only the model replaced) and
/// translation through the canonical model.
/// </summary>
internal sealed partial class GatewayEndpoint(GatewayContext gateway, IngressProtocol protocol)
{
    private readonly ILogger _logger = gateway.Loggers.CreateLogger("FlowRouter.Requests");
    private Action<object, long>? _logBeforeLastWrite;

    public async Task HandleAsync(HttpContext http)
    {
        var outcome = new RequestOutcome(RequestIds.Next(), gateway.Time.GetUtcNow(), gateway.Time.GetTimestamp()) { Ingress = protocol.Name };
        http.Response.Headers["x-flowrouter-request-id"] = outcome.Id;
        var responseBytes = Observability.CountingResponseBody.Install(http, _logBeforeLastWrite ??= LogBeforeLastWrite, outcome);
        try
        {
            await ServeAsync(http, outcome).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            outcome.Status = 499;
            outcome.Error = "client closed the request";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome.Status = 500;
            outcome.Error = "internal error: " + ex.GetType().Name;
            LogUnexpected(_logger, outcome.Id, ex);
            await protocol.WriteErrorAsync(http, new GatewayError(ErrorKind.Internal, 500,
                $"FlowRouter hit an internal error (request {outcome.Id}); it is logged.")).ConfigureAwait(false);
        }
        if (!responseBytes.Completed)
        {
            // Chunked answers and errors end after this method returns: logging (and journaling) here is in time.
            outcome.ResponseBytes = responseBytes.Bytes;
            RequestLogging.Complete(gateway, _logger, outcome);
        }
        gateway.Keys.Record(gateway.Keys.KeyNamed(outcome.KeyName), outcome.Usage, outcome.UpstreamModel);
    }

    /// <summary>
    /// A Content-Length answer is complete for the client once its last byte is written, which may be before this
    /// endpoint returns: its usage row is logged (and journaled) just before that write.
    /// </summary>
    private void LogBeforeLastWrite(object outcome, long bytes)
    {
        var finished = (RequestOutcome)outcome;
        finished.ResponseBytes = bytes;
        KeepPromptsOutOfTheLog(finished);
        finished.PromptSource = null;
        RequestLogging.Complete(gateway, _logger, finished);
    }

    /// <summary>The request's builder, refusing targets on providers the key may not reach (403 when none is left).</summary>
    private static AttemptLoop.RequestBuilder Builder(IngressRequest request, Core.Config.ClientKeyConfig? key)
    {
        if (key?.AllowedProviders is null)
        {
            return request.TryBuild;
        }
        return (Target target, out Providers.Http.UpstreamRequest? upstream, out GatewayError? unusable) =>
        {
            if (KeyPolicy.MayReach(key, target))
            {
                return request.TryBuild(target, out upstream, out unusable);
            }
            upstream = null;
            unusable = KeyPolicy.ProviderNotAllowed(key, target);
            return false;
        };
    }

    private async Task ServeAsync(HttpContext http, RequestOutcome outcome)
    {
        var (_, keyName, keyError) = ClientKeyGate.Check(gateway, http.Request, protocol.AcceptsGoogleKeyForms);
        outcome.KeyName = keyName;
        if (keyError is not null)
        {
            await FailAsync(http, outcome, keyError).ConfigureAwait(false);
            return;
        }
        if (RequestBody.CheckContentType(http.Request) is { } contentTypeError)
        {
            await FailAsync(http, outcome, contentTypeError).ConfigureAwait(false);
            return;
        }
        var (body, bodyError) = await RequestBody.ReadAsync(http.Request, gateway.Config.Server.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await FailAsync(http, outcome, bodyError!).ConfigureAwait(false);
            return;
        }
        outcome.RequestBytes = body.Length;
        using (body)
        {
            outcome.PromptSource = body;
            try
            {
                await ServeBodyAsync(http, outcome, body).ConfigureAwait(false);
            }
            finally
            {
                KeepPromptsOutOfTheLog(outcome);
                outcome.PromptSource = null;
            }
        }
    }

    /// <summary>
    /// A failed request's error and attempt messages may quote the prompt (an upstream echoing the request, a parse
    /// error naming a value); the client got them as they are, the log and the request log get them without it.
    /// </summary>
    private static void KeepPromptsOutOfTheLog(RequestOutcome outcome)
    {
        if (outcome.PromptSource is not { } source)
        {
            return;
        }
        var body = source.Span;
        if (outcome.Error is { } error)
        {
            outcome.Error = Logging.PromptRedactor.Redact(error, body);
        }
        if (outcome.AttemptLog is { } attempts && attempts.Any(a => a.Rule is not null || a.Skipped))
        {
            var redacted = new List<AttemptRecord>(attempts.Count);
            foreach (var attempt in attempts)
            {
                redacted.Add(attempt.Rule is null && !attempt.Skipped ? attempt : attempt with { Outcome = Logging.PromptRedactor.Redact(attempt.Outcome, body) });
            }
            outcome.AttemptLog = redacted;
        }
    }

    private async Task ServeBodyAsync(HttpContext http, RequestOutcome outcome, RequestBody body)
    {
        var request = protocol.Parse(http.Request, body, gateway, outcome.KeyName, out var parseError);
        if (request is null)
        {
            await FailAsync(http, outcome, parseError!).ConfigureAwait(false);
            return;
        }
        var (saved, savingError) = Savings.Apply(http.Request, body, request.Model, gateway.Keys.KeyNamed(outcome.KeyName), outcome);
        if (savingError is not null)
        {
            request.Dispose();
            await FailAsync(http, outcome, savingError).ConfigureAwait(false);
            return;
        }
        using (saved)
        {
            if (saved is not null)
            {
                // The body changed (tool output condensed, caveman instruction added): from here on it is the request.
                request.Dispose();
                request = protocol.Parse(http.Request, saved, gateway, outcome.KeyName, out parseError)
                    ?? throw new InvalidOperationException("a rewritten body no longer parses: " + parseError?.Message);
            }
            using (request)
            {
                await ServeRequestAsync(http, outcome, saved ?? body, request).ConfigureAwait(false);
            }
        }
    }

    private TokenSaving.RequestSavings Savings => new(gateway, protocol);

    private async Task ServeRequestAsync(HttpContext http, RequestOutcome outcome, RequestBody body, IngressRequest request)
    {
        if (outcome.ToolTokensBefore is { } before)
        {
            http.Response.Headers["x-flowrouter-tokens-saved"] = (before - outcome.ToolTokensAfter!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (await request.PrepareAsync(http.RequestAborted).ConfigureAwait(false) is { } prepareError)
        {
            await FailAsync(http, outcome, prepareError).ConfigureAwait(false);
            return;
        }
        outcome.RequestedModel = request.Model;
        outcome.Stream = request.Stream;
        var key = gateway.Keys.KeyNamed(outcome.KeyName);
        if ((KeyPolicy.CheckModel(key, request.Model) ?? gateway.Keys.Admit(key)) is { } refused)
        {
            await FailAsync(http, outcome, refused).ConfigureAwait(false);
            return;
        }
        var resolution = gateway.State.Routes.Resolve(TierRouting.Address(gateway.Config.Routing.Tiers, request.Model, body.Span, http.Response));
        if (!resolution.Succeeded)
        {
            await FailAsync(http, outcome, resolution.Error!).ConfigureAwait(false);
            return;
        }
        await request.FetchImagesAsync(resolution.Targets, gateway.Images, http.RequestAborted).ConfigureAwait(false);
        using var plan = gateway.Attempts.Routing.Plan(resolution, RequestCost.EstimateOf(body.Length));
        var routed = await gateway.Attempts.RunAsync(plan, Builder(request, key), http.RequestAborted).ConfigureAwait(false);
        outcome.Attempts = routed.Attempts.Count;
        outcome.AttemptLog = routed.Attempts;
        http.Response.Headers["x-flowrouter-attempts"] = routed.Attempts.Count(a => !a.Skipped).ToString(System.Globalization.CultureInfo.InvariantCulture);
        outcome.Provider = routed.Target?.Provider.Id;
        outcome.UpstreamModel = routed.Target?.Model;
        if (routed.ClientGone)
        {
            outcome.Status = 499;
            outcome.Error = "client closed the request";
            return;
        }
        if (routed.Call is null)
        {
            await FailAsync(http, outcome, routed.Error!).ConfigureAwait(false);
            return;
        }
        await using var call = routed.Call;
        http.Response.Headers["x-flowrouter-target"] = routed.Target!.Address;
        http.Response.Headers["x-flowrouter-overhead-ms"] = Overhead(outcome, routed).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        outcome.Status = call.Status;
        outcome.TimeToFirstToken = call.TimeToFirstEvent;
        await request.RelayAsync(http, outcome, call, routed.Target).ConfigureAwait(false);
    }

    /// <summary>
    /// Time FlowRouter itself spent before the answer started: everything since the request arrived except the
    /// attempts' time waiting on upstreams (the winner counted up to its first event).
    /// </summary>
    private double Overhead(RequestOutcome outcome, Routing.RoutedCall routed)
    {
        var total = gateway.Time.GetElapsedTime(outcome.StartTimestamp);
        var upstream = TimeSpan.Zero;
        foreach (var attempt in routed.Attempts)
        {
            upstream += attempt.Elapsed;
        }
        return Math.Max(0, (total - upstream).TotalMilliseconds);
    }

    private Task FailAsync(HttpContext http, RequestOutcome outcome, GatewayError error)
    {
        outcome.Status = error.Status;
        outcome.Error = error.Message;
        return protocol.WriteErrorAsync(http, error);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "request id={RequestId} failed inside FlowRouter")]
    private static partial void LogUnexpected(ILogger logger, string requestId, Exception exception);
}
