using System.Text.Json;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Providers.Http;
using FlowRouter.Runtime.Editing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// The admin API's view of the running configuration: GET /api/providers (keys masked to their last 4 characters,
/// each entry marked with where it came from and read-only when it came from the config file or the environment),
/// GET /api/providers/{id}/models, POST /api/providers/{id}/test (a real call: the provider's model list, or its
/// exact error); POST /api/providers, PUT|PATCH|DELETE /api/providers/{id} for entries kept in the store (the
/// config file's are read-only). Admin access only.
/// </summary>
internal sealed class ProvidersApi(GatewayContext gateway)
{
    public async Task ProvidersAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("providers");
            foreach (var p in gateway.Config.Providers)
            {
                AdminViews.Provider(json, p);
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task GetAsync(HttpContext http, string id)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.EditAsync(http,
            () => gateway.Config.Providers.FirstOrDefault(p => p.Id == id) ?? throw ConfigEditException.NotFound($"provider '{id}'"),
            (json, p) => ProviderMember(json, p)).ConfigureAwait(false);
    }

    public async Task CreateAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        await AdminResponses.EditAsync(http, () => Current(gateway.Editor.CreateProvider(body).Id), ProviderMember, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    public async Task UpdateAsync(HttpContext http, string id)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false) || await AdminResponses.ReadObjectAsync(http).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        bool merge = HttpMethods.IsPatch(http.Request.Method);
        await AdminResponses.EditAsync(http, () => Current(gateway.Editor.UpdateProvider(id, body, merge).Id), ProviderMember).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext http, string id)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.EditAsync(http, () =>
        {
            gateway.Editor.DeleteProvider(id);
            return id;
        }, (json, deleted) =>
        {
            json.WriteString("id", deleted);
            json.WriteBoolean("deleted", true);
        }).ConfigureAwait(false);
    }

    /// <summary>The entry as it runs now (after the swap), e.g. with its credentials masked.</summary>
    private ProviderConfig Current(string id) => gateway.Config.Providers.First(p => p.Id == id);

    private static void ProviderMember(Utf8JsonWriter json, ProviderConfig provider)
    {
        json.WritePropertyName("provider");
        AdminViews.Provider(json, provider);
    }

    public async Task ModelsAsync(HttpContext http, string id)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        if (gateway.State.Providers.FirstOrDefault(p => p.Id == id) is not { } provider)
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.NotFound($"No provider '{id}'.")).ConfigureAwait(false);
            return;
        }
        var models = gateway.State.Routes.ModelsOf(provider.Id);
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteString("provider", id);
            json.WriteStartArray("models");
            foreach (string model in models)
            {
                json.WriteStringValue(model);
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task TestAsync(HttpContext http, string id)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        if (gateway.State.Providers.FirstOrDefault(p => p.Id == id) is not { } provider)
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.NotFound($"No provider '{id}'.")).ConfigureAwait(false);
            return;
        }
        if (!ModelListClient.CanList(provider))
        {
            await ErrorResponses.WriteOpenAIAsync(http, GatewayError.InvalidRequest($"Provider '{id}' has no model list to call.")).ConfigureAwait(false);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var (models, error) = await ModelListClient.FetchAsync(provider, timeout.Token).ConfigureAwait(false);
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteString("provider", id);
            json.WriteBoolean("ok", models is not null);
            if (models is not null)
            {
                json.WriteNumber("model_count", models.Count);
                json.WriteStartArray("models");
                foreach (string model in models)
                {
                    json.WriteStringValue(model);
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("error", SecretMasker.Mask(error ?? "unknown error", provider.Config.ApiKeys));
            }
        }).ConfigureAwait(false);
    }
}
