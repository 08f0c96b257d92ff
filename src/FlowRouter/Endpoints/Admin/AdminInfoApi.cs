using System.Text.Json;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/health (the store, and each provider's keys: how many, how many resting or disabled now) and
/// GET /api/openapi.json (the admin API described as OpenAPI 3.1). Admin access only.
/// </summary>
internal sealed class AdminInfoApi(GatewayContext gateway)
{
    public async Task HealthAsync(HttpContext http)
    {
        if (await Endpoints.Admin.AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        bool storeOk = await Task.Run(gateway.Store.IsHealthy, http.RequestAborted).ConfigureAwait(false);
        var now = gateway.Time.GetUtcNow();
        var rests = gateway.Attempts.Routing.Book.Snapshot().ToList();
        http.Response.ContentType = "application/json";
        http.Response.StatusCode = storeOk ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        var json = new Utf8JsonWriter(http.Response.BodyWriter);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("status", storeOk ? "ok" : "degraded");
            json.WriteString("store", storeOk ? "ok" : "unavailable");
            json.WriteString("version", typeof(AdminInfoApi).Assembly.GetName().Version?.ToString(3) ?? "0");
            json.WriteStartArray("providers");
            foreach (var provider in gateway.State.Providers)
            {
                var mine = rests.Where(r => r.Key.Provider == provider.Id).ToList();
                json.WriteStartObject();
                json.WriteString("id", provider.Id);
                json.WriteString("type", Core.Config.ProviderTypes.ToConfigName(provider.Type));
                json.WriteBoolean("enabled", provider.Config.Enabled);
                json.WriteNumber("keys", provider.Config.ApiKeys.Count);
                json.WriteNumber("resting", mine.Count(r => !r.State.Disabled && r.State.Until > now));
                json.WriteNumber("disabled_keys", mine.Count(r => r.State.Disabled));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    public async Task OpenApiAsync(HttpContext http)
    {
        if (await Endpoints.Admin.AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Document, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Written by hand (Endpoints/Admin/openapi.json, embedded): the admin API is small, and a generator would need
    /// reflection the AOT binary lacks. A test checks that every /api route is in it.
    /// </summary>
    private static readonly string Document = ReadDocument();

    private static string ReadDocument()
    {
        using var stream = typeof(AdminInfoApi).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("the embedded openapi.json is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
