using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Runtime.Editing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// Client keys: GET /api/keys, GET|PUT|PATCH|DELETE /api/keys/{name}, POST /api/keys/{name}/revoke, and POST /api/keys,
/// whose answer is the only place the new key ever appears ("key": "flr_…"; only its SHA-256 is kept). A key document
/// has the config file's fields: name, allowed_models, allowed_providers, rpm, tpm, daily_budget_usd,
/// monthly_budget_usd, expires, revoked. Admin access only.
/// </summary>
internal sealed class KeysApi(GatewayContext gateway)
{
    public async Task ListAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var now = gateway.Time.GetUtcNow();
        var counters = gateway.Keys.Counters;
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("keys");
            foreach (var key in gateway.Config.Keys)
            {
                AdminViews.Key(json, key, counters, now);
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.EditAsync(http, () => Current(name), KeyMember).ConfigureAwait(false);
    }

    public async Task CreateAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        // The one answer that carries a key: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        await AdminResponses.EditAsync(http, () => gateway.Editor.CreateKey(body), (json, created) =>
        {
            json.WriteString("key", created.Plaintext);
            KeyMember(json, Current(created.Key.Name));
        }, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    public async Task UpdateAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        bool merge = HttpMethods.IsPatch(http.Request.Method);
        await AdminResponses.EditAsync(http, () => Current(gateway.Editor.UpdateKey(name, body, merge).Name), KeyMember).ConfigureAwait(false);
    }

    public async Task RevokeAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.EditAsync(http, () => Current(gateway.Editor.RevokeKey(name).Name), KeyMember).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.EditAsync(http, () =>
        {
            gateway.Editor.DeleteKey(name);
            return name;
        }, (json, deleted) =>
        {
            json.WriteString("name", deleted);
            json.WriteBoolean("deleted", true);
        }).ConfigureAwait(false);
    }

    private ClientKeyConfig Current(string name) =>
        gateway.Config.Keys.FirstOrDefault(k => k.Name == name) ?? throw ConfigEditException.NotFound($"client key '{name}'");

    private void KeyMember(Utf8JsonWriter json, ClientKeyConfig key)
    {
        json.WritePropertyName("client_key");
        AdminViews.Key(json, key, gateway.Keys.Counters, gateway.Time.GetUtcNow());
    }
}
