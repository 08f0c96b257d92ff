using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Hosting;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// GET /api/quota: for each provider and each of its keys (shown by its last 4 characters only), the last known
/// rate-limit figures (limit, remaining, reset for requests and tokens), and every rest the key or its models are
/// in (until when, which rule, how many failures in a row), or that the key is disabled. Admin access only
/// (<see cref="AdminAccess"/>).
/// </summary>
internal sealed class QuotaEndpoint(GatewayContext gateway)
{
    public async Task GetAsync(HttpContext http)
    {
        if (await Endpoints.Admin.AdminResponses.DeniedAsync(gateway, http).ConfigureAwait(false))
        {
            return;
        }
        var routing = gateway.Attempts.Routing;
        var now = routing.Time.GetUtcNow();
        var rests = routing.Book.Snapshot().ToList();
        await Admin.AdminResponses.WriteObjectAsync(http, json =>
        {
            json.WriteString("observed_at", now);
            json.WriteStartArray("providers");
            foreach (var provider in gateway.State.Providers)
            {
                json.WriteStartObject();
                json.WriteString("id", provider.Id);
                json.WriteStartArray("keys");
                int keys = Math.Max(provider.Config.ApiKeys.Count, 1);
                for (int key = 0; key < keys; key++)
                {
                    WriteKey(json, provider.Id, key, provider.ApiKeyAt(key), routing, rests, now);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }, indented: true).ConfigureAwait(false);
    }

    private static void WriteKey(Utf8JsonWriter json, string provider, int key, string? secret, RoutingRuntime routing,
        List<(FlowRouter.Routing.Failures.CooldownKey Key, FlowRouter.Routing.Failures.Rest State, int Failures)> rests, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteNumber("position", key);
        json.WriteString("key", secret is null ? null : "…" + secret[Math.Max(0, secret.Length - 4)..]);
        var snapshot = routing.Quota.Latest(provider, key);
        var mine = rests.Where(r => r.Key.Provider == provider && (r.Key.Key == key || r.Key.Key == -1)).ToList();
        string state = mine.Exists(r => r.State.Disabled) ? "disabled"
            : mine.Exists(r => r.State.Until > now) ? "resting"
            : snapshot?.NearlyExhausted(now) == true ? "nearly-spent"
            : "available";
        json.WriteString("state", state);
        if (snapshot is not null)
        {
            WriteLimits(json, snapshot);
        }
        json.WriteStartArray("rests");
        foreach (var (id, rest, failures) in mine)
        {
            json.WriteStartObject();
            json.WriteString("model", id.Model);
            json.WriteString("until", rest.Disabled ? null : rest.Until.ToString("O", CultureInfo.InvariantCulture));
            json.WriteBoolean("over", !rest.Disabled && rest.Until <= now);
            json.WriteBoolean("disabled", rest.Disabled);
            json.WriteString("rule", rest.Rule);
            json.WriteNumber("failures", failures);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLimits(Utf8JsonWriter json, RateLimitSnapshot s)
    {
        json.WriteStartObject("limits");
        Admin.AdminResponses.Number(json, "requests_limit", s.RequestsLimit);
        Admin.AdminResponses.Number(json, "requests_remaining", s.RequestsRemaining);
        Time(json, "requests_reset", s.RequestsReset);
        Admin.AdminResponses.Number(json, "tokens_limit", s.TokensLimit);
        Admin.AdminResponses.Number(json, "tokens_remaining", s.TokensRemaining);
        Time(json, "tokens_reset", s.TokensReset);
        Time(json, "retry_after", s.RetryAfter);
        json.WriteString("observed_at", s.ObservedAt);
        json.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v);
        }
    }
}
