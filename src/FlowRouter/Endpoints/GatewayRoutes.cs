using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Ingress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowRouter.Endpoints;

/// <summary>The HTTP surface: which path goes to which endpoint, and JSON errors for everything else.</summary>
internal static class GatewayRoutes
{
    public static void Map(WebApplication app, GatewayContext gateway)
    {
        app.Use(new CrossSiteGuard(new AllowedHosts(gateway.Config.Server, gateway.Settings.Host)).InvokeAsync);
        app.Use(JsonErrorsForUnmatchedRoutes);
        app.Use(MalformedRequestGuard.InvokeAsync);
        var chat = new GatewayEndpoint(gateway, OpenAIChatIngress.Instance);
        var models = new ModelsEndpoint(gateway);
        var health = new HealthEndpoints(gateway);
        app.MapPost("/v1/chat/completions", chat.HandleAsync);
        app.MapPost("/v1/messages", new GatewayEndpoint(gateway, AnthropicIngress.Instance).HandleAsync);
        app.MapPost("/v1/messages/count_tokens", new TokenCountEndpoint(gateway, AnthropicTokenCount.Instance).HandleAsync);
        var stored = new StoredResponseEndpoints(gateway);
        app.MapPost("/v1/responses", new GatewayEndpoint(gateway, ResponsesIngress.Instance).HandleAsync);
        app.MapPost("/v1/responses/input_tokens", new TokenCountEndpoint(gateway, ResponsesInputTokens.Instance).HandleAsync);
        app.MapGet("/v1/responses/{id}", stored.GetAsync);
        app.MapDelete("/v1/responses/{id}", stored.DeleteAsync);
        var gemini = new GeminiApiEndpoints(gateway);
        app.MapGet("/v1/models", http => GeminiApiEndpoints.IsGeminiClient(http.Request) ? gemini.ListAsync(http) : models.ListAsync(http));
        app.MapGet("/v1/models/{**model}", http => GeminiApiEndpoints.IsGeminiClient(http.Request) ? GetGeminiModel(gemini, http) : models.GetAsync(http));
        app.MapPost("/v1/models/{**rest}", gemini.PostAsync);
        app.MapPost("/v1beta/models/{**rest}", gemini.PostAsync);
        app.MapGet("/v1beta/models", gemini.ListAsync);
        app.MapGet("/v1beta/models/{**rest}", gemini.GetAsync);
        app.MapGet("/api/quota", new QuotaEndpoint(gateway).GetAsync);
        app.MapGet("/api/usage", new Admin.UsageApi(gateway).UsageAsync);
        var requests = new Admin.RequestsApi(gateway);
        app.MapGet("/api/requests", requests.JsonAsync);
        app.MapGet("/api/requests.csv", requests.CsvAsync);
        app.MapGet("/api/live", new Admin.LiveApi(gateway).StreamAsync);
        var backups = new Admin.BackupsApi(gateway);
        app.MapGet("/api/backups", backups.ListAsync);
        app.MapPost("/api/backups", backups.CreateAsync);
        app.MapGet("/api/backups/{name}", backups.DownloadAsync);
        var catalog = new Admin.CatalogApi(gateway);
        app.MapGet("/api/presets", catalog.PresetsAsync);
        app.MapGet("/api/models", catalog.ModelsAsync);
        var dashboard = new Dashboard.DashboardAssets();
        app.MapGet("/", dashboard.IndexAsync);
        app.MapGet("/ui/{**path}", dashboard.FileAsync);
        var info = new Admin.AdminInfoApi(gateway);
        app.MapGet("/api/health", info.HealthAsync);
        app.MapGet("/api/openapi.json", info.OpenApiAsync);
        MapConfigApi(app, gateway);
        var logins = new Admin.LoginApi(gateway);
        app.MapPost("/api/login", logins.LoginAsync);
        app.MapPost("/api/logout", logins.LogoutAsync);
        app.MapGet("/api/session", logins.SessionAsync);
        if (gateway.Settings.Config.Server.Oidc is not null)
        {
            Hosting.Login.OidcLogin.KeepOffTheRequestPath(app);
            app.MapGet(Hosting.Login.OidcLogin.StartPath, Hosting.Login.OidcLogin.StartAsync);
            app.MapGet(Hosting.Login.OidcLogin.CallbackPath, Hosting.Login.OidcLogin.CallbackAsync);
        }
        var password = new Admin.PasswordApi(gateway, logins);
        app.MapPut("/api/settings/password", password.SetAsync);
        app.MapDelete("/api/settings/password", password.ClearAsync);
        app.MapGet("/health", HealthEndpoints.LiveAsync);
        app.MapGet("/ready", health.ReadyAsync);
        app.MapGet("/metrics", new Observability.MetricsEndpoint(gateway).GetAsync);
    }

    /// <summary>The admin API's config entries: providers, combos, client keys, settings.</summary>
    private static void MapConfigApi(WebApplication app, GatewayContext gateway)
    {
        var providers = new Admin.ProvidersApi(gateway);
        app.MapGet("/api/providers", providers.ProvidersAsync);
        app.MapPost("/api/providers", providers.CreateAsync);
        app.MapGet("/api/providers/{id}", providers.GetAsync);
        app.MapMethods("/api/providers/{id}", [HttpMethods.Put, HttpMethods.Patch], providers.UpdateAsync);
        app.MapDelete("/api/providers/{id}", providers.DeleteAsync);
        app.MapGet("/api/providers/{id}/models", providers.ModelsAsync);
        app.MapPost("/api/providers/{id}/test", providers.TestAsync);
        var combos = new Admin.CombosApi(gateway);
        app.MapGet("/api/combos", combos.ListAsync);
        app.MapPost("/api/combos", combos.CreateAsync);
        app.MapGet("/api/combos/{name}", combos.GetAsync);
        app.MapMethods("/api/combos/{name}", [HttpMethods.Put, HttpMethods.Patch], combos.UpdateAsync);
        app.MapDelete("/api/combos/{name}", combos.DeleteAsync);
        var keys = new Admin.KeysApi(gateway);
        app.MapGet("/api/keys", keys.ListAsync);
        app.MapPost("/api/keys", keys.CreateAsync);
        app.MapGet("/api/keys/{name}", keys.GetAsync);
        app.MapMethods("/api/keys/{name}", [HttpMethods.Put, HttpMethods.Patch], keys.UpdateAsync);
        app.MapDelete("/api/keys/{name}", keys.DeleteAsync);
        app.MapPost("/api/keys/{name}/revoke", keys.RevokeAsync);
        var settings = new Admin.SettingsApi(gateway);
        app.MapGet("/api/settings", settings.GetAsync);
        app.MapMethods("/api/settings", [HttpMethods.Put, HttpMethods.Patch], settings.UpdateAsync);
    }

    /// <summary>The /v1/models/{**model} route names its value "model"; the Gemini handler reads "rest".</summary>
    private static Task GetGeminiModel(GeminiApiEndpoints gemini, HttpContext http)
    {
        http.Request.RouteValues[GeminiRoute.RouteValue] = http.Request.RouteValues["model"];
        return gemini.GetAsync(http);
    }

    /// <summary>Unknown paths (404) and wrong methods (405) answer in OpenAI's error shape instead of an empty body.</summary>
    private static async Task JsonErrorsForUnmatchedRoutes(HttpContext http, RequestDelegate next)
    {
        await next(http).ConfigureAwait(false);
        var response = http.Response;
        if (response.HasStarted || http.GetEndpoint() is { } endpoint && endpoint.DisplayName?.StartsWith("405", StringComparison.Ordinal) != true)
        {
            return;
        }
        if (http.Request.Path.StartsWithSegments("/v1beta", StringComparison.Ordinal)
            && response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            await GeminiIngress.Instance.WriteErrorAsync(http, new GatewayError(ErrorKind.NotFound, response.StatusCode,
                $"Unknown route: {http.Request.Method} {http.Request.Path}. FlowRouter serves the Gemini API at POST /v1beta/models/{{model}}:generateContent, :streamGenerateContent and :countTokens, and GET /v1beta/models[/{{model}}].")).ConfigureAwait(false);
        }
        else if (response.StatusCode == StatusCodes.Status404NotFound)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.NotFound, 404,
                $"Unknown route: {http.Request.Method} {http.Request.Path}. FlowRouter serves POST /v1/chat/completions, POST /v1/responses, GET|DELETE /v1/responses/{{id}}, POST /v1/responses/input_tokens, POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models, the Gemini API under /v1beta/models, GET /health and GET /ready.") { Code = "unknown_route" }).ConfigureAwait(false);
        }
        else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await ErrorResponses.WriteOpenAIAsync(http, new GatewayError(ErrorKind.InvalidRequest, 405,
                $"Method {http.Request.Method} is not allowed on {http.Request.Path}.")).ConfigureAwait(false);
        }
    }
}
