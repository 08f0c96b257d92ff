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

    /// <summary>Written by hand: the admin API is small, and a generator would need reflection the AOT binary lacks.</summary>
    private const string Document = """
        {
          "openapi": "3.1.0",
          "info": { "title": "FlowRouter admin API", "version": "1", "description": "Admin access only: this machine, or 'Authorization: Bearer <server.admin_token>'." },
          "components": { "securitySchemes": { "adminToken": { "type": "http", "scheme": "bearer" } } },
          "security": [ { "adminToken": [] } ],
          "paths": {
            "/api/health": { "get": { "summary": "Store status and each provider's keys (count, resting, disabled).", "responses": { "200": { "description": "healthy" }, "503": { "description": "the store is unavailable" } } } },
            "/api/quota": { "get": { "summary": "Each provider key's last rate-limit figures, rests and disabled state (keys masked).", "responses": { "200": { "description": "quota" } } } },
            "/api/usage": { "get": {
              "summary": "Request log sums per group with p50/p95 latency and time to first token.",
              "parameters": [
                { "name": "since", "in": "query", "schema": { "type": "string", "default": "7d", "examples": ["30m", "24h", "7d", "2w"] } },
                { "name": "by", "in": "query", "schema": { "type": "string", "enum": ["day", "hour", "provider", "model", "key"], "default": "day" } } ],
              "responses": { "200": { "description": "groups" }, "400": { "description": "bad since or by" } } } },
            "/api/requests": { "get": {
              "summary": "The request log, newest first, with each request's attempt log.",
              "parameters": [
                { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 50 } },
                { "name": "before", "in": "query", "schema": { "type": "string", "format": "date-time" }, "description": "the previous page's next_before" },
                { "name": "key", "in": "query", "schema": { "type": "string" } },
                { "name": "provider", "in": "query", "schema": { "type": "string" } },
                { "name": "model", "in": "query", "schema": { "type": "string" } },
                { "name": "status", "in": "query", "schema": { "type": "integer" } } ],
              "responses": { "200": { "description": "a page of requests" } } } },
            "/api/providers": { "get": { "summary": "Providers with keys masked (last 4 characters), their origin and read_only mark.", "responses": { "200": { "description": "providers" } } } },
            "/api/providers/{id}/models": { "get": { "summary": "The models a provider serves (configured or discovered).", "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "models" }, "404": { "description": "no such provider" } } } },
            "/api/providers/{id}/test": { "post": { "summary": "A real call to the provider's model list: its models, or the exact error.", "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok true/false with models or error" }, "404": { "description": "no such provider" } } } },
            "/api/combos": { "get": { "summary": "Combos with strategy, weighted targets and hedging.", "responses": { "200": { "description": "combos" } } } },
            "/api/keys": { "get": { "summary": "Client keys by name with their limits and current spend (never a key or its hash).", "responses": { "200": { "description": "keys" } } } },
            "/metrics": { "get": { "summary": "Prometheus text format 0.0.4.", "responses": { "200": { "description": "metrics" } } } }
          }
        }
        """;
}
