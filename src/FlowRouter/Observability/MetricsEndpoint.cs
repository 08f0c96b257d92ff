using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Observability;

/// <summary>
/// GET /metrics: the Prometheus text format 0.0.4, made on each scrape (no secret is ever a label). Admin access only:
/// this machine, or the admin token as a bearer token (Prometheus' authorization setting) from elsewhere.
/// </summary>
internal sealed class MetricsEndpoint(GatewayContext gateway)
{
    public async Task GetAsync(HttpContext http)
    {
        if (await Endpoints.Admin.AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        string text = gateway.Metrics.Render(gateway.Attempts.Routing, gateway.RequestLog);
        http.Response.ContentType = PrometheusTextWriter.ContentType;
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(text, http.RequestAborted).ConfigureAwait(false);
    }
}
