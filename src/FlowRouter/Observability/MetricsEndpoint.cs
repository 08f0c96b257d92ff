using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Observability;

/// <summary>GET /metrics: the Prometheus text format 0.0.4, made on each scrape (no secret is ever a label).</summary>
internal sealed class MetricsEndpoint(GatewayContext gateway)
{
    public Task GetAsync(HttpContext http)
    {
        string text = gateway.Metrics.Render(gateway.Attempts.Routing, gateway.RequestLog);
        http.Response.ContentType = PrometheusTextWriter.ContentType;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(text, http.RequestAborted);
    }
}
