using System.Diagnostics;
using System.Diagnostics.Metrics;
using FlowRouter.Endpoints;

namespace FlowRouter.Observability;

/// <summary>
/// OpenTelemetry traces and metrics following the GenAI semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/gen-ai/): a span "chat {model}" per request with one client span
/// per upstream attempt under it, and the gen_ai.client.* histograms. Built on System.Diagnostics only; the OTLP
/// exporter subscribes when OTEL_EXPORTER_OTLP_ENDPOINT is set (<see cref="OpenTelemetrySetup"/>). With no listener
/// the request path pays one <see cref="ActivitySource.HasListeners"/> check.
/// </summary>
internal static class Telemetry
{
    public const string Name = "FlowRouter";
    public const string Operation = "chat";

    public static readonly ActivitySource Source = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());
    public static readonly Meter Meter = new(Name);

    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}",
        "Measures number of input and output tokens used");
    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s",
        "GenAI operation duration");

    /// <summary>
    /// Records a finished request. Spans are made after the fact from the outcome (the attempt loop keeps each
    /// attempt's duration, not its start): attempts are laid end to end from the request's start, a hedged one
    /// beside the attempt it hedged.
    /// </summary>
    public static void Record(RequestOutcome outcome, DateTimeOffset endedAt, double latencySeconds)
    {
        RecordMetrics(outcome, latencySeconds);
        if (!Source.HasListeners())
        {
            return;
        }
        string model = outcome.RequestedModel ?? outcome.UpstreamModel ?? "";
        using var request = Source.StartActivity($"{Operation} {model}", ActivityKind.Server, parentContext: default, startTime: outcome.StartedAt);
        if (request is null)
        {
            return;
        }
        request.SetTag("gen_ai.operation.name", Operation);
        request.SetTag("gen_ai.request.model", outcome.RequestedModel);
        Common(request, outcome.Provider, outcome.UpstreamModel, outcome);
        request.SetTag("flowrouter.request.id", outcome.Id);
        request.SetTag("flowrouter.ingress", outcome.Ingress);
        request.SetTag("http.response.status_code", outcome.Status);
        request.SetTag("flowrouter.attempts", outcome.Attempts);
        if (outcome.Status >= 400)
        {
            request.SetStatus(ActivityStatusCode.Error, outcome.Error);
            request.SetTag("error.type", outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Attempts(request, outcome);
        request.SetEndTime(endedAt.UtcDateTime);
    }

    private static void Attempts(Activity request, RequestOutcome outcome)
    {
        if (outcome.AttemptLog is not { } attempts)
        {
            return;
        }
        var start = outcome.StartedAt;
        var previousStart = start;
        foreach (var attempt in attempts)
        {
            if (attempt.Skipped)
            {
                continue;
            }
            var attemptStart = attempt.Hedged ? previousStart : start;
            int slash = attempt.Target.IndexOf('/', StringComparison.Ordinal);
            string provider = slash < 0 ? attempt.Target : attempt.Target[..slash];
            string model = slash < 0 ? "" : attempt.Target[(slash + 1)..];
            using var span = Source.StartActivity($"{Operation} {model}", ActivityKind.Client, request.Context, startTime: attemptStart);
            if (span is null)
            {
                continue;
            }
            span.SetTag("gen_ai.operation.name", Operation);
            span.SetTag("gen_ai.system", provider);
            span.SetTag("gen_ai.request.model", model);
            span.SetTag("flowrouter.attempt.outcome", attempt.Outcome);
            if (attempt.Status is { } status)
            {
                span.SetTag("http.response.status_code", status);
            }
            if (attempt.Rule is { } rule)
            {
                span.SetStatus(ActivityStatusCode.Error, attempt.Outcome);
                span.SetTag("error.type", rule);
            }
            else if (attempt.Outcome.EndsWith("ok", StringComparison.Ordinal))
            {
                Common(span, provider, model, outcome);
            }
            span.SetEndTime((attemptStart + attempt.Elapsed).UtcDateTime);
            previousStart = attemptStart;
            start = attemptStart + attempt.Elapsed;
        }
    }

    private static void Common(Activity span, string? provider, string? responseModel, RequestOutcome outcome)
    {
        span.SetTag("gen_ai.system", provider);
        span.SetTag("gen_ai.response.model", responseModel);
        if (outcome.Usage is { } usage)
        {
            span.SetTag("gen_ai.usage.input_tokens", usage.InputTokens);
            span.SetTag("gen_ai.usage.output_tokens", usage.OutputTokens);
        }
    }

    private static void RecordMetrics(RequestOutcome outcome, double latencySeconds)
    {
        if (!OperationDuration.Enabled && !TokenUsage.Enabled)
        {
            return;
        }
        var operation = new KeyValuePair<string, object?>("gen_ai.operation.name", Operation);
        var system = new KeyValuePair<string, object?>("gen_ai.system", outcome.Provider);
        var responseModel = new KeyValuePair<string, object?>("gen_ai.response.model", outcome.UpstreamModel);
        if (outcome.Status >= 400)
        {
            OperationDuration.Record(latencySeconds, operation, system, responseModel,
                new KeyValuePair<string, object?>("error.type", outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            OperationDuration.Record(latencySeconds, operation, system, responseModel);
        }
        if (outcome.Usage is { } usage)
        {
            TokenUsage.Record(usage.InputTokens, operation, system, responseModel, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
            TokenUsage.Record(usage.OutputTokens, operation, system, responseModel, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        }
    }
}
