using System.Text.Json;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Runtime.Editing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// GET /api/combos, GET|PUT|PATCH|DELETE /api/combos/{name}, POST /api/combos. A combo document has the config
/// file's fields (name, strategy, targets, hedge_after_ms | hedge_after, timeouts); unknown targets and cycles are a
/// 400 naming them. Admin access only.
/// </summary>
internal sealed class CombosApi(GatewayContext gateway)
{
    public async Task ListAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("combos");
            foreach (var combo in gateway.Config.Combos)
            {
                AdminViews.Combo(json, combo);
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
        await AdminResponses.EditAsync(http, () => Current(name), ComboMember).ConfigureAwait(false);
    }

    public async Task CreateAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        await AdminResponses.EditAsync(http, () => Current(gateway.Editor.CreateCombo(body).Name), ComboMember, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    public async Task UpdateAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        bool merge = HttpMethods.IsPatch(http.Request.Method);
        await AdminResponses.EditAsync(http, () => Current(gateway.Editor.UpdateCombo(name, body, merge).Name), ComboMember).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext http, string name)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.EditAsync(http, () =>
        {
            gateway.Editor.DeleteCombo(name);
            return name;
        }, (json, deleted) =>
        {
            json.WriteString("name", deleted);
            json.WriteBoolean("deleted", true);
        }).ConfigureAwait(false);
    }

    private ComboConfig Current(string name) =>
        gateway.Config.Combos.FirstOrDefault(c => c.Name == name) ?? throw ConfigEditException.NotFound($"combo '{name}'");

    private static void ComboMember(Utf8JsonWriter json, ComboConfig combo)
    {
        json.WritePropertyName("combo");
        AdminViews.Combo(json, combo);
    }
}
