using System.Text.Json;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Providers.Http;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// The admin API's view of the running configuration: GET /api/providers (keys masked to their last 4 characters,
/// each entry marked with where it came from and read-only when it came from the config file or the environment),
/// GET /api/providers/{id}/models, POST /api/providers/{id}/test (a real call: the provider's model list, or its
/// exact error), GET /api/combos, GET /api/keys (names and limits, never a key or its hash). Admin access only.
/// </summary>
internal sealed class ConfigApi(GatewayContext gateway)
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
            foreach (var p in gateway.State.Config.Providers)
            {
                json.WriteStartObject();
                json.WriteString("id", p.Id);
                json.WriteString("type", p.Type.ToConfigName());
                json.WriteString("base_url", p.BaseUrl);
                json.WriteStartArray("keys");
                foreach (string key in p.ApiKeys)
                {
                    json.WriteStringValue(SecretMasker.MaskValue(key));
                }
                json.WriteEndArray();
                json.WriteBoolean("enabled", p.Enabled);
                json.WriteString("origin", p.Origin);
                json.WriteBoolean("read_only", true); // file and environment entries; the API cannot change them
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
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

    public async Task CombosAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("combos");
            foreach (var c in gateway.State.Config.Combos)
            {
                json.WriteStartObject();
                json.WriteString("name", c.Name);
                json.WriteString("strategy", c.Strategy);
                json.WriteStartArray("targets");
                for (int i = 0; i < c.Targets.Count; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("model", c.Targets[i]);
                    json.WriteNumber("weight", c.Weights is { } w && i < w.Count ? w[i] : 1);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                if (c.HedgeAfter is { } hedge)
                {
                    json.WriteNumber("hedge_after_ms", hedge.TotalMilliseconds);
                }
                json.WriteBoolean("hedge_at_p95", c.HedgeAtP95);
                json.WriteBoolean("read_only", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public async Task KeysAsync(HttpContext http)
    {
        if (await AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var now = gateway.Time.GetUtcNow();
        await AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteStartArray("keys");
            foreach (var k in gateway.State.Config.Keys)
            {
                json.WriteStartObject();
                json.WriteString("name", k.Name);
                json.WriteBoolean("revoked", k.Revoked);
                if (k.ExpiresAt is { } expires)
                {
                    json.WriteString("expires", expires);
                }
                Limits(json, k, now);
                json.WriteBoolean("read_only", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private void Limits(Utf8JsonWriter json, ClientKeyConfig key, DateTimeOffset now)
    {
        if (key.RequestsPerMinute is { } rpm)
        {
            json.WriteNumber("rpm", rpm);
        }
        if (key.TokensPerMinute is { } tpm)
        {
            json.WriteNumber("tpm", tpm);
            json.WriteNumber("tokens_last_minute", gateway.Keys.Counters.TokensInLastMinute(key.Name, now));
        }
        if (key.DailyBudgetUsd is { } daily)
        {
            json.WriteNumber("daily_budget_usd", daily);
            json.WriteNumber("spent_today_usd", gateway.Keys.Counters.SpentToday(key.Name, now));
        }
        if (key.MonthlyBudgetUsd is { } monthly)
        {
            json.WriteNumber("monthly_budget_usd", monthly);
            json.WriteNumber("spent_this_month_usd", gateway.Keys.Counters.SpentThisMonth(key.Name, now));
        }
        WriteList(json, "allowed_models", key.AllowedModels);
        WriteList(json, "allowed_providers", key.AllowedProviders);
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
