using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Providers.Presets;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// What the dashboard offers to pick from: GET /api/presets (the vendor presets a provider can be added from) and
/// GET /api/models (every address a client can use, as GET /v1/models lists them, without a client key). Admin
/// access only.
/// </summary>
internal sealed class CatalogApi(GatewayContext gateway)
{
    public async Task PresetsAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("presets");
            foreach (var preset in ProviderPresets.All)
            {
                json.WriteStartObject();
                json.WriteString("id", preset.Id);
                json.WriteString("name", preset.DisplayName);
                json.WriteString("type", preset.Type.ToConfigName());
                json.WriteString("base_url", preset.BaseUrl);
                json.WriteBoolean("needs_key", preset.KeyEnvVars.Count > 0);
                json.WriteStartArray("key_env_vars");
                foreach (string variable in preset.KeyEnvVars)
                {
                    json.WriteStringValue(variable);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task ModelsAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var config = gateway.Config;
        var routes = gateway.State.Routes;
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("models");
            foreach (string address in routes.Addresses())
            {
                bool combo = config.Combos.Any(c => c.Name == address);
                int slash = address.IndexOf('/', StringComparison.Ordinal);
                json.WriteStartObject();
                json.WriteString("id", address);
                json.WriteString("kind", combo ? "combo" : slash > 0 ? "model" : "alias");
                if (!combo && slash > 0)
                {
                    json.WriteString("provider", address[..slash]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }
}
