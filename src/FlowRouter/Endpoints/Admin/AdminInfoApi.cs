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
          "info": { "title": "FlowRouter admin API", "version": "1", "description": "Admin access only. With no login set up (no admin password, admin token or OIDC): this machine only. Otherwise every caller presents 'Authorization: Bearer <server.admin_token>' or the flowrouter_session cookie from POST /api/login; a cookie-authenticated POST, PUT, PATCH or DELETE also sends the session's CSRF token as X-CSRF-Token (else 403 csrf_token_invalid)." },
          "components": {
            "securitySchemes": {
              "adminToken": { "type": "http", "scheme": "bearer" },
              "session": { "type": "apiKey", "in": "cookie", "name": "flowrouter_session", "description": "From POST /api/login or the OIDC callback; HttpOnly, SameSite=Strict. Mutations also need X-CSRF-Token." }
            },
            "schemas": {
              "Error": { "type": "object", "properties": { "error": { "type": "object", "properties": { "message": { "type": "string" }, "type": { "type": "string" }, "param": { "type": ["string", "null"] }, "code": { "type": ["string", "null"] } } } } },
              "Session": { "type": "object", "required": ["authenticated", "login_required", "methods"], "properties": {
                "authenticated": { "type": "boolean", "description": "the caller may use the admin API now" },
                "login_required": { "type": "boolean", "description": "a login method is set up, so this machine needs a login too" },
                "methods": { "type": "array", "items": { "type": "string", "enum": ["password", "token", "oidc"] } },
                "csrf_token": { "type": "string", "description": "present when authenticated by session cookie" } } }
            }
          },
          "security": [ { "adminToken": [] }, { "session": [] } ],
          "paths": {
            "/api/session": { "get": { "summary": "What a login page asks first: whether the caller is signed in, whether a login is needed, which methods exist, and the session's CSRF token. No admin access needed.", "security": [], "responses": { "200": { "description": "session state", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Session" } } } } } } },
            "/api/login": { "post": {
              "summary": "Sign in with the admin password or the admin token. Sets the flowrouter_session cookie (HttpOnly; SameSite=Strict; Path=/; Secure over HTTPS; idle expiry 12 h, absolute 7 d). 5 failures from one address within 15 min lock it out for 1 min, doubling per further lockout up to 1 h; while locked every login is a 429, a correct one included. No admin access needed.",
              "security": [],
              "requestBody": { "required": true, "content": { "application/json": { "schema": { "oneOf": [
                { "type": "object", "required": ["password"], "properties": { "password": { "type": "string" } } },
                { "type": "object", "required": ["token"], "properties": { "token": { "type": "string" } } } ] } } } },
              "responses": {
                "200": { "description": "signed in", "content": { "application/json": { "schema": { "type": "object", "properties": { "csrf_token": { "type": "string" } } } } } },
                "400": { "description": "bad body, or that method is not set up (login_method_unavailable)" },
                "401": { "description": "wrong password or token (invalid_credentials)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "429": { "description": "locked out (login_locked); Retry-After says for how long" },
                "500": { "description": "the stored password hash cannot be used (password_hash_invalid)" },
                "503": { "description": "too many password checks waiting (login_busy); Retry-After: 1" } } } },
            "/api/logout": { "post": { "summary": "Ends the session the cookie names and clears the cookie. No CSRF token needed.", "security": [], "responses": { "200": { "description": "signed out" } } } },
            "/api/login/oidc": { "get": { "summary": "Starts an OpenID Connect login (server.oidc; absent otherwise): a redirect to the provider, which returns to /api/login/oidc/callback. An allowed subject or email gets the session cookie and a redirect to /; anyone else a 403 (oidc_not_allowed).", "security": [], "responses": { "302": { "description": "to the provider" } } } },
            "/api/settings/password": {
              "put": {
                "summary": "Sets the stored admin password (argon2id m=19456,t=2,p=1). current_password is required while one is set (wrong guesses count towards the login lockout). Other sessions opened with the old password end.",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["new_password"], "properties": { "current_password": { "type": "string" }, "new_password": { "type": "string", "minLength": 12, "maxLength": 1024 } } } } } },
                "responses": { "200": { "description": "password_set: true" }, "400": { "description": "new_password too short or long, or current_password missing" }, "403": { "description": "current_password is wrong (current_password_invalid), or a cookie mutation without X-CSRF-Token" }, "409": { "description": "the password comes from the config file (password_from_config)" }, "429": { "description": "locked out" } } },
              "delete": {
                "summary": "Removes the stored admin password. current_password is required while one is set.",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "current_password": { "type": "string" } } } } } },
                "responses": { "200": { "description": "password_set: false" }, "403": { "description": "current_password is wrong" }, "409": { "description": "the password comes from the config file, or it is the only login of a server listening beyond loopback (last_login_method)" } } } },
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
