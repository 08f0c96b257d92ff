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

    public async Task ReadyAsync(HttpContext http)
    {
        // The store check is synchronous SQLite I/O; requests run inline on socket threads, so it goes to the pool.
        bool storeOk = await Task.Run(gateway.Store.IsHealthy, http.RequestAborted).ConfigureAwait(false);
        int providers = gateway.State.Providers.Count(p => p.Config.Enabled);
        http.Response.StatusCode = storeOk ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "application/json";
        string body = $"{{\"status\":\"{(storeOk ? "ready" : "not_ready")}\",\"store\":{(storeOk ? "true" : "false")},\"config\":true,\"providers\":{providers}}}";
        await http.Response.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
