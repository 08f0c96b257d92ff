using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>/health: the process answers. /ready: the store is open and the config is loaded.</summary>
internal sealed class HealthEndpoints(GatewayContext gateway)
{
    public static Task LiveAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        return http.Response.Body.WriteAsync("{\"status\":\"ok\"}"u8.ToArray(), http.RequestAborted).AsTask();
    }

    public Task ReadyAsync(HttpContext http)
    {
        bool storeOk = gateway.Store.IsHealthy();
        int providers = gateway.State.Providers.Count(p => p.Config.Enabled);
        http.Response.StatusCode = storeOk ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "application/json";
        string body = $"{{\"status\":\"{(storeOk ? "ready" : "not_ready")}\",\"store\":{(storeOk ? "true" : "false")},\"config\":true,\"providers\":{providers}}}";
        return http.Response.WriteAsync(body, http.RequestAborted);
    }
}
