using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FlowRouter.Observability;

/// <summary>
/// Exports <see cref="Telemetry"/>'s spans and GenAI metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; the
/// exporter reads the standard OTEL_* variables itself (protocol, headers, service name). Unset: nothing is
/// registered and nothing listens.
/// </summary>
internal static class OpenTelemetrySetup
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool AddIfConfigured(WebApplicationBuilder builder, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(environment(EndpointVariable)))
        {
            return false;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("flowrouter"))
            .WithTracing(tracing => tracing.AddSource(Telemetry.Name).AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(Telemetry.Name).AddOtlpExporter());
        return true;
    }
}
