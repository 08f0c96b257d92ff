using System.Globalization;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Providers.Catalog;
using FlowRouter.Routing;

namespace FlowRouter.Limits;

/// <summary>
/// What each client key may do, enforced on every /v1 request whatever its protocol: an expired or revoked key is a
/// 401; a model or provider outside its allowance a 403; past its requests or tokens per minute, or its daily or
/// monthly budget, a 429 with Retry-After (until a request leaves the minute, or until the next UTC day or month).
/// Tokens and dollars are known only when an answer is done, so those limits stop the next request, not the one
/// that crosses them.
/// </summary>
internal sealed class KeyPolicy(FlowRouterConfig config, IKeyUsageCounters counters, TimeProvider time)
{
    private readonly Dictionary<string, ClientKeyConfig> _keys = config.Keys.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public IKeyUsageCounters Counters => counters;

    public ClientKeyConfig? KeyNamed(string? name) => name is not null && _keys.TryGetValue(name, out var key) ? key : null;

    /// <summary>401 for an expired or revoked key, else null.</summary>
    public GatewayError? CheckValid(ClientKeyConfig? key)
    {
        if (key is null)
        {
            return null;
        }
        if (key.Revoked)
        {
            return new GatewayError(ErrorKind.Authentication, 401, $"Client key '{key.Name}' has been revoked.") { Code = "invalid_api_key" };
        }
        return key.ExpiresAt is { } expires && time.GetUtcNow() >= expires
            ? new GatewayError(ErrorKind.Authentication, 401, $"Client key '{key.Name}' expired at {expires.ToString("u", CultureInfo.InvariantCulture)}.") { Code = "invalid_api_key" }
            : null;
    }

    /// <summary>403 when the key may not ask for <paramref name="model"/>, else null.</summary>
    public static GatewayError? CheckModel(ClientKeyConfig? key, string model)
    {
        if (key?.AllowedModels is not { } allowed || allowed.Any(pattern => Matches(pattern, model)))
        {
            return null;
        }
        return new GatewayError(ErrorKind.PermissionDenied, 403,
            $"Client key '{key.Name}' may not use model '{model}'. Allowed: {string.Join(", ", allowed)}.") { Code = "model_not_allowed", Param = "model" };
    }

    /// <summary>True when the key may reach <paramref name="target"/>'s provider.</summary>
    public static bool MayReach(ClientKeyConfig? key, Target target) =>
        key?.AllowedProviders is not { } providers || providers.Contains(target.Provider.Id, StringComparer.Ordinal);

    public static GatewayError ProviderNotAllowed(ClientKeyConfig key, Target target) =>
        new(ErrorKind.PermissionDenied, 403, $"Client key '{key.Name}' may not use provider '{target.Provider.Id}'.") { Code = "provider_not_allowed" };

    /// <summary>Counts the request against the key's minute; a 429 when a per-minute limit or a budget is reached.</summary>
    public GatewayError? Admit(ClientKeyConfig? key)
    {
        if (key is not { HasLimits: true })
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (key.DailyBudgetUsd is { } daily && counters.SpentToday(key.Name, now) >= daily)
        {
            return Limited(key, $"reached its daily budget of ${daily.ToString("0.##", CultureInfo.InvariantCulture)}", NextDay(now) - now, "budget_exceeded");
        }
        if (key.MonthlyBudgetUsd is { } monthly && counters.SpentThisMonth(key.Name, now) >= monthly)
        {
            return Limited(key, $"reached its monthly budget of ${monthly.ToString("0.##", CultureInfo.InvariantCulture)}", NextMonth(now) - now, "budget_exceeded");
        }
        if (key.TokensPerMinute is { } tpm && counters.TokensInLastMinute(key.Name, now) >= tpm)
        {
            return Limited(key, $"used its {tpm.ToString(CultureInfo.InvariantCulture)} tokens per minute", TimeSpan.FromSeconds(60 - now.Second), "tokens_per_minute_exceeded");
        }
        if (key.RequestsPerMinute is { } rpm && !counters.TryCountRequest(key.Name, rpm, now, out var wait))
        {
            return Limited(key, $"made its {rpm.ToString(CultureInfo.InvariantCulture)} requests per minute", wait, "requests_per_minute_exceeded");
        }
        return null;
    }

    /// <summary>Adds a finished request's tokens and list-price cost to its key's counters.</summary>
    public void Record(ClientKeyConfig? key, Usage? usage, string? upstreamModel)
    {
        if (key is not { HasLimits: true } || usage is null)
        {
            return;
        }
        decimal cost = upstreamModel is null ? 0 : ModelCatalog.EstimateCost(upstreamModel, usage.InputTokens, usage.OutputTokens,
            usage.CacheReadTokens ?? 0, usage.CacheWriteTokens ?? 0) ?? 0;
        counters.RecordUsage(key.Name, usage.TotalTokens, cost, time.GetUtcNow());
    }

    private static GatewayError Limited(ClientKeyConfig key, string what, TimeSpan wait, string code) =>
        new(ErrorKind.RateLimited, 429, $"Client key '{key.Name}' {what}.")
        {
            Code = code,
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
        };

    private static bool Matches(string pattern, string model) =>
        pattern.EndsWith('*') ? model.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, model, StringComparison.Ordinal);

    private static DateTimeOffset NextDay(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    private static DateTimeOffset NextMonth(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
}
