using System.Text.Json;
using FlowRouter.Core.Config;
using FlowRouter.Limits;
using FlowRouter.Providers.Http;

namespace FlowRouter.Endpoints.Admin;

/// <summary>
/// How config entries look in admin API answers. Credentials never appear: provider keys and header values are masked
/// to their last 4 characters, client keys are shown by name only. Each entry says where it came from and whether
/// the API may change it.
/// </summary>
internal static class AdminViews
{
    public static void Provider(Utf8JsonWriter json, ProviderConfig p)
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
        if (p.Headers.Count > 0)
        {
            json.WriteStartObject("headers");
            foreach (var (name, value) in p.Headers)
            {
                json.WriteString(name, SecretMasker.MaskValue(value));
            }
            json.WriteEndObject();
        }
        List(json, "models", p.Models);
        json.WriteBoolean("enabled", p.Enabled);
        if (p.AutoCacheBreakpoints)
        {
            json.WriteBoolean("auto_cache", true);
        }
        if (p.Problem is not null)
        {
            json.WriteString("problem", p.Problem);
        }
        Origin(json, p.Origin);
        json.WriteEndObject();
    }

    public static void Combo(Utf8JsonWriter json, ComboConfig c)
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
        if (c.Timeouts is { } t)
        {
            json.WriteStartObject("timeouts");
            json.WriteNumber("connect_seconds", t.Connect.TotalSeconds);
            json.WriteNumber("first_byte_seconds", t.FirstByte.TotalSeconds);
            json.WriteNumber("idle_seconds", t.Idle.TotalSeconds);
            json.WriteNumber("total_seconds", t.Total.TotalSeconds);
            json.WriteEndObject();
        }
        if (c.TokenSaver is { } saver)
        {
            json.WriteBoolean("token_saver", saver);
        }
        Origin(json, c.Origin);
        json.WriteEndObject();
    }

    /// <summary>A client key with its limits and, where it has them, how much of each is used now.</summary>
    public static void Key(Utf8JsonWriter json, ClientKeyConfig k, IKeyUsageCounters counters, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("name", k.Name);
        json.WriteBoolean("revoked", k.Revoked);
        if (k.ExpiresAt is { } expires)
        {
            json.WriteString("expires", expires);
            json.WriteBoolean("expired", now >= expires);
        }
        if (k.CreatedAt is { } created)
        {
            json.WriteString("created_at", created);
        }
        if (k.RequestsPerMinute is { } rpm)
        {
            json.WriteNumber("rpm", rpm);
        }
        if (k.TokensPerMinute is { } tpm)
        {
            json.WriteNumber("tpm", tpm);
            json.WriteNumber("tokens_last_minute", counters.TokensInLastMinute(k.Name, now));
        }
        if (k.DailyBudgetUsd is { } daily)
        {
            json.WriteNumber("daily_budget_usd", daily);
            json.WriteNumber("spent_today_usd", counters.SpentToday(k.Name, now));
        }
        if (k.MonthlyBudgetUsd is { } monthly)
        {
            json.WriteNumber("monthly_budget_usd", monthly);
            json.WriteNumber("spent_this_month_usd", counters.SpentThisMonth(k.Name, now));
        }
        List(json, "allowed_models", k.AllowedModels);
        List(json, "allowed_providers", k.AllowedProviders);
        if (k.TokenSaver is { } saver)
        {
            json.WriteBoolean("token_saver", saver);
        }
        if (k.Caveman is { } caveman)
        {
            json.WriteString("caveman", caveman);
        }
        Origin(json, k.Origin);
        json.WriteEndObject();
    }

    /// <summary>One request-log row (GET /api/requests, GET /api/live).</summary>
    public static void Request(Utf8JsonWriter json, Storage.RequestLogRow row)
    {
        json.WriteStartObject();
        json.WriteString("id", row.Id);
        json.WriteString("started_at", row.StartedAt);
        json.WriteString("key", row.KeyName);
        json.WriteString("ingress", row.Ingress);
        json.WriteString("requested_model", row.RequestedModel);
        json.WriteString("provider", row.Provider);
        json.WriteString("upstream_model", row.UpstreamModel);
        json.WriteNumber("status", row.Status);
        json.WriteBoolean("stream", row.Stream);
        json.WriteNumber("latency_ms", Math.Round(row.LatencyMs, 2));
        AdminResponses.Number(json, "ttft_ms", row.TtftMs is { } t ? Math.Round(t, 2) : null);
        AdminResponses.Number(json, "input_tokens", row.InputTokens);
        AdminResponses.Number(json, "output_tokens", row.OutputTokens);
        AdminResponses.Number(json, "cached_tokens", row.CachedTokens);
        AdminResponses.Number(json, "cache_write_tokens", row.CacheWriteTokens);
        AdminResponses.Number(json, "reasoning_tokens", row.ReasoningTokens);
        if (row.CostUsd is { } cost)
        {
            json.WriteNumber("cost_usd", cost);
        }
        AdminResponses.Number(json, "tool_tokens_before", row.ToolTokensBefore);
        AdminResponses.Number(json, "tool_tokens_after", row.ToolTokensAfter);
        json.WriteNumber("attempts", row.Attempts);
        if (row.AttemptsJson is { } attempts)
        {
            json.WritePropertyName("attempt_log");
            json.WriteRawValue(attempts);
        }
        json.WriteString("error", row.Error);
        json.WriteEndObject();
    }

    private static void Origin(Utf8JsonWriter json, string origin)
    {
        json.WriteString("origin", origin);
        json.WriteBoolean("read_only", ConfigOrigins.IsReadOnly(origin));
    }

    private static void List(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
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
