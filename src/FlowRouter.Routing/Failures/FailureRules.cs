using FlowRouter.Core.Errors;
using FlowRouter.Providers.Http;

namespace FlowRouter.Routing.Failures;

/// <summary>
/// The failure rule table: configured rules first, then the shipped defaults; the first rule that matches decides.
/// The defaults (in order, so the more specific words win):
/// <list type="table">
/// <item>context-length: "context length", "maximum context", "prompt is too long"… → a target with a larger window only</item>
/// <item>quota: 402, or "insufficient_quota", "quota exceeded", "credit balance"… → next key; the key rests until the reset, else 1 h</item>
/// <item>rate-limit: 429, or "rate limit", "too many requests", RESOURCE_EXHAUSTED → next key; that key/model rests for Retry-After, else backoff</item>
/// <item>overloaded: 529 or "overloaded" → next target; backoff</item>
/// <item>server-error: 500, 502, 503, 504 → next target; backoff</item>
/// <item>no-answer: network errors and timeouts → next target; backoff</item>
/// <item>auth: 401, 403 → next key; the key is disabled until the config changes</item>
/// <item>model-not-found: 404 → next target; that model is skipped on that provider for 10 min</item>
/// <item>request-timeout: 408 → next target; backoff</item>
/// <item>client-error: any other 4xx → the client's own mistake, answered at once</item>
/// <item>other: anything else → next target; backoff</item>
/// </list>
/// </summary>
public sealed class FailureRules(IReadOnlyList<FailureRule> configured)
{
    public static readonly IReadOnlyList<FailureRule> Defaults =
    [
        new() { Name = "context-length", Action = RuleAction.NextLargerContext, Texts = ["context_length_exceeded", "context length", "maximum context", "context window", "prompt is too long", "too many tokens", "reduce the length", "input is too long"] },
        new() { Name = "quota", Statuses = [402], Kinds = [ErrorKind.QuotaExceeded], Action = RuleAction.NextKey, Cooldown = CooldownKind.UntilReset, Duration = TimeSpan.FromHours(1), Scope = CooldownScope.Key },
        new() { Name = "quota", Action = RuleAction.NextKey, Cooldown = CooldownKind.UntilReset, Duration = TimeSpan.FromHours(1), Scope = CooldownScope.Key, Texts = ["insufficient_quota", "quota exceeded", "exceeded your current quota", "credit balance", "billing_hard_limit"] },
        new() { Name = "rate-limit", Statuses = [429], Kinds = [ErrorKind.RateLimited], Action = RuleAction.NextKey, Cooldown = CooldownKind.RetryAfterOrBackoff },
        new() { Name = "rate-limit", Action = RuleAction.NextKey, Cooldown = CooldownKind.RetryAfterOrBackoff, Texts = ["rate limit", "rate_limit", "too many requests", "resource_exhausted"] },
        new() { Name = "overloaded", Statuses = [529], Kinds = [ErrorKind.Overloaded], Action = RuleAction.NextTarget, Cooldown = CooldownKind.Backoff },
        new() { Name = "overloaded", Action = RuleAction.NextTarget, Cooldown = CooldownKind.Backoff, Texts = ["overloaded"] },
        new() { Name = "server-error", Statuses = [500, 502, 503, 504], Action = RuleAction.NextTarget, Cooldown = CooldownKind.Backoff },
        new() { Name = "no-answer", NoAnswer = true, Action = RuleAction.NextTarget, Cooldown = CooldownKind.Backoff },
        new() { Name = "auth", Statuses = [401, 403], Kinds = [ErrorKind.Authentication, ErrorKind.PermissionDenied], Action = RuleAction.NextKey, Cooldown = CooldownKind.Disable, Scope = CooldownScope.Key },
        new() { Name = "model-not-found", Statuses = [404], Action = RuleAction.NextTarget, Cooldown = CooldownKind.Fixed, Duration = TimeSpan.FromMinutes(10), Scope = CooldownScope.Model },
        new() { Name = "request-timeout", Statuses = [408], Action = RuleAction.NextTarget, Cooldown = CooldownKind.Backoff },
        new() { Name = "client-error", Statuses = ClientErrors(), Action = RuleAction.FailClient },
        new() { Name = "other", Action = RuleAction.NextTarget, Cooldown = CooldownKind.Backoff },
    ];

    public static readonly FailureRules Default = new([]);

    /// <summary>The rule for a failed attempt (the last default matches everything).</summary>
    public FailureRule Match(UpstreamFailure failure)
    {
        foreach (var rule in configured)
        {
            if (Matches(rule, failure))
            {
                return rule;
            }
        }
        foreach (var rule in Defaults)
        {
            if (Matches(rule, failure))
            {
                return rule;
            }
        }
        return Defaults[^1];
    }

    private static bool Matches(FailureRule rule, UpstreamFailure failure)
    {
        int? status = failure.UpstreamStatus;
        if (rule.NoAnswer && status is not null)
        {
            return false;
        }
        bool statusSet = rule.Statuses is not null || rule.Kinds is not null;
        bool statusMatches = status is { } s && rule.Statuses?.Contains(s) == true || rule.Kinds?.Contains(failure.Error.Kind) == true;
        if (statusSet && !statusMatches)
        {
            return false;
        }
        return rule.Texts is not { } texts || texts.Any(t => Contains(failure.Error.Type, t) || Contains(failure.Error.Code, t) || Contains(failure.Error.Message, t));
    }

    private static bool Contains(string? haystack, string needle) =>
        haystack is not null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static int[] ClientErrors() => Enumerable.Range(400, 100).ToArray();
}
