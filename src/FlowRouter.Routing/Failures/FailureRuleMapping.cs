using FlowRouter.Core.Config;

namespace FlowRouter.Routing.Failures;

/// <summary>A configured rule (validated words) as a <see cref="FailureRule"/>.</summary>
internal static class FailureRuleMapping
{
    public static FailureRule From(FailureRuleConfig config) => new()
    {
        Name = config.Name,
        Statuses = config.Statuses,
        NoAnswer = config.NoAnswer,
        Texts = config.Texts,
        Duration = config.Duration,
        Action = config.Action switch
        {
            "next-key" => RuleAction.NextKey,
            "fail-client" => RuleAction.FailClient,
            "next-larger-context" => RuleAction.NextLargerContext,
            _ => RuleAction.NextTarget,
        },
        Cooldown = config.Cooldown switch
        {
            "fixed" => CooldownKind.Fixed,
            "backoff" => CooldownKind.Backoff,
            "retry-after" => CooldownKind.RetryAfterOrBackoff,
            "until-reset" => CooldownKind.UntilReset,
            "disable" => CooldownKind.Disable,
            _ => CooldownKind.None,
        },
        Scope = config.Scope switch
        {
            "key" => CooldownScope.Key,
            "model" => CooldownScope.Model,
            _ => CooldownScope.KeyModel,
        },
    };
}
