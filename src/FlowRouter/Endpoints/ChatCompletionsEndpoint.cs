using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using FlowRouter.Translation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Endpoints;

/// <summary>
/// POST /v1/chat/completions. Reads straight down: authenticate, check and scan the body, resolve the model, try
/// targets until one answers, then relay its answer. For an OpenAI-speaking target the client's bytes go upstream
/// with only "model" replaced, and the upstream's bytes come back as they are.
/// </summary>
internal sealed partial class ChatCompletionsEndpoint(GatewayContext gateway)
{
    private readonly ILogger _logger = gateway.Loggers.CreateLogger("FlowRouter.Requests");

    public async Task HandleAsync(HttpContext http)
    {
        var outcome = new RequestOutcome(RequestIds.Next(), gateway.Time.GetUtcNow(), gateway.Time.GetTimestamp());
        http.Response.Headers["x-flowrouter-request-id"] = outcome.Id;
        try
        {
            await ServeAsync(http, outcome).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            outcome.Status = 499;
            outcome.Error = "client closed the request";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            outcome.Status = 500;
            outcome.Error = "internal error: " + ex.GetType().Name;
            LogUnexpected(_logger, outcome.Id, ex);
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.Internal, 500,
                $"FlowRouter hit an internal error (request {outcome.Id}); it is logged.")).ConfigureAwait(false);
        }
        RequestLogging.Complete(gateway, _logger, outcome);
    }

    private async Task ServeAsync(HttpContext http, RequestOutcome outcome)
    {
        var auth = gateway.Authenticator.Authenticate(http.Request);
        outcome.KeyName = auth.KeyName;
        if (!auth.Allowed)
        {
            await FailAsync(http, outcome, new GatewayError(ErrorKind.Authentication, 401, auth.Problem!) { Code = "invalid_api_key" }).ConfigureAwait(false);
            return;
        }
        if (RequestBody.CheckContentType(http.Request) is { } contentTypeError)
        {
            await FailAsync(http, outcome, contentTypeError).ConfigureAwait(false);
            return;
        }
        var (body, bodyError) = await RequestBody.ReadAsync(http.Request, gateway.Settings.Config.Server.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await FailAsync(http, outcome, bodyError!).ConfigureAwait(false);
            return;
        }
        using (body)
        {
            await ServeBodyAsync(http, outcome, body).ConfigureAwait(false);
        }
    }

    private async Task ServeBodyAsync(HttpContext http, RequestOutcome outcome, RequestBody body)
    {
        var scan = OpenAIChatRequestScanner.Scan(body.Span);
        if (scan.Error is not null)
        {
            await FailAsync(http, outcome, GatewayError.InvalidRequest(scan.Error, scan.ErrorParam)).ConfigureAwait(false);
            return;
        }
        outcome.RequestedModel = scan.Model;
        outcome.Stream = scan.Stream;
        var resolution = gateway.State.Routes.Resolve(scan.Model!);
        if (!resolution.Succeeded)
        {
            await FailAsync(http, outcome, resolution.Error!).ConfigureAwait(false);
            return;
        }
        using var plans = new OpenAIChatUpstreamPlans(body.Memory, scan);
        var routed = await gateway.Attempts.RunAsync(resolution.Targets, plans.TryBuild, http.RequestAborted).ConfigureAwait(false);
        outcome.Attempts = routed.Attempts.Count;
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
        outcome.Status = call.Status;
        outcome.TimeToFirstToken = call.TimeToFirstEvent;
        var translation = plans.TranslationFor(routed.Target);
        if (translation is null)
        {
            await RelayAsIsAsync(http, outcome, call, plans.InjectsUsage).ConfigureAwait(false);
        }
        else
        {
            await RelayTranslatedAsync(http, outcome, call, translation, scan).ConfigureAwait(false);
        }
    }

    private static Task RelayAsIsAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, bool dropUsageChunk) =>
        call.FirstEvent is null
            ? RelayJsonAsync(http, outcome, call)
            : OpenAIStreamRelay.RelayAsync(http, outcome, call, dropUsageChunk);

    private async Task RelayTranslatedAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call, EgressCodec codec, OpenAIChatRequestScan scan)
    {
        var options = new OpenAIChatResponseWriterOptions { IncludeUsage = scan.IncludeUsage == true, TimeProvider = gateway.Time };
        if (call.FirstEvent is not null)
        {
            using var encoder = new OpenAIChatStreamWriter(options);
            await TranslatingStreamRelay.RelayAsync(http, outcome, call, codec.NewDecoder(), encoder).ConfigureAwait(false);
            return;
        }
        ChatResponse response;
        try
        {
            response = codec.ReadResponse(call.Body);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            await FailAsync(http, outcome, new GatewayError(ErrorKind.UpstreamError, 502,
                $"{call.Provider.Id}: the answer could not be read: {ex.Message}")).ConfigureAwait(false);
            return;
        }
        outcome.Usage = response.Usage;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        OpenAIChatResponseWriter.Write(response, http.Response.BodyWriter, options);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RelayJsonAsync(HttpContext http, RequestOutcome outcome, UpstreamCall call)
    {
        if (OpenAIUsageReader.TryRead(call.Body.Span, out var usage))
        {
            outcome.Usage = usage;
        }
        http.Response.StatusCode = call.Status;
        http.Response.ContentType = call.ContentType ?? "application/json";
        http.Response.ContentLength = call.Body.Length;
        await http.Response.BodyWriter.WriteAsync(call.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private static Task FailAsync(HttpContext http, RequestOutcome outcome, GatewayError error)
    {
        outcome.Status = error.Status;
        outcome.Error = error.Message;
        return ErrorResponses.WriteOpenAIAsync(http, error);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "request id={RequestId} failed inside FlowRouter")]
    private static partial void LogUnexpected(ILogger logger, string requestId, Exception exception);
}
