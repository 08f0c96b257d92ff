using System.Globalization;
using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>A client key's limits: allowed_models, allowed_providers, rpm, tpm, daily/monthly_budget_usd, expires.</summary>
internal static class KeyLimitsSection
{
    public static ClientKeyConfig Read(ClientKeyConfig key, IReadOnlyDictionary<string, ConfigNode> fields)
    {
        if (fields.TryGetValue("allowed_models", out var models))
        {
            key = key with { AllowedModels = models.StringList() };
        }
        if (fields.TryGetValue("allowed_providers", out var providers))
        {
            key = key with { AllowedProviders = providers.StringList() };
        }
        if (fields.TryGetValue("rpm", out var rpm))
        {
            key = key with { RequestsPerMinute = rpm.Int(1, 1_000_000) };
        }
        if (fields.TryGetValue("tpm", out var tpm))
        {
            key = key with { TokensPerMinute = tpm.Int(1, int.MaxValue) };
        }
        if (fields.TryGetValue("daily_budget_usd", out var daily))
        {
            key = key with { DailyBudgetUsd = (decimal)daily.Number(0, 1_000_000_000) };
        }
        if (fields.TryGetValue("monthly_budget_usd", out var monthly))
        {
            key = key with { MonthlyBudgetUsd = (decimal)monthly.Number(0, 1_000_000_000) };
        }
        if (fields.TryGetValue("token_saver", out var saver))
        {
            key = key with { TokenSaver = saver.Bool() };
        }
        if (fields.TryGetValue("caveman", out var caveman))
        {
            key = key with { Caveman = EditableSettings.CavemanLevel(caveman) };
        }
        if (fields.TryGetValue("revoked", out var revoked))
        {
            key = key with { Revoked = revoked.Bool() };
        }
        if (fields.TryGetValue("expires", out var expires))
        {
            string text = expires.String();
            key = key with
            {
                ExpiresAt = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? at
                    : throw expires.Error($"expected a date or date-time such as 2026-12-31 or 2026-12-31T18:00:00Z, got '{text}'"),
            };
        }
        return key;
    }
}
