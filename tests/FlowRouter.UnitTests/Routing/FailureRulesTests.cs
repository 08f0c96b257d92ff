using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Providers.Http;
using FlowRouter.Routing.Failures;

namespace FlowRouter.UnitTests.Routing;

public sealed class FailureRulesTests
{
    private static UpstreamFailure Failure(int? status, string message = "", string? type = null, string? code = null) =>
        new(FailureAction.NextTarget, new GatewayError(ErrorKind.UpstreamError, status ?? 502, "p: " + message) { Type = type, Code = code }) { UpstreamStatus = status };

    [Theory]
    [InlineData(429, "Rate limit reached for requests", null, "rate-limit", RuleAction.NextKey, CooldownKind.RetryAfterOrBackoff, CooldownScope.KeyModel)]
    [InlineData(429, "You exceeded your current quota", "insufficient_quota", "quota", RuleAction.NextKey, CooldownKind.UntilReset, CooldownScope.Key)]
    [InlineData(402, "payment required", null, "quota", RuleAction.NextKey, CooldownKind.UntilReset, CooldownScope.Key)]
    [InlineData(400, "Your credit balance is too low", null, "quota", RuleAction.NextKey, CooldownKind.UntilReset, CooldownScope.Key)]
    [InlineData(529, "Overloaded", null, "overloaded", RuleAction.NextTarget, CooldownKind.Backoff, CooldownScope.KeyModel)]
    [InlineData(502, "upstream said", "overloaded_error", "overloaded", RuleAction.NextTarget, CooldownKind.Backoff, CooldownScope.KeyModel)]
    [InlineData(500, "boom", null, "server-error", RuleAction.NextTarget, CooldownKind.Backoff, CooldownScope.KeyModel)]
    [InlineData(503, "unavailable", null, "server-error", RuleAction.NextTarget, CooldownKind.Backoff, CooldownScope.KeyModel)]
    [InlineData(401, "invalid x-api-key", null, "auth", RuleAction.NextKey, CooldownKind.Disable, CooldownScope.Key)]
    [InlineData(403, "forbidden", null, "auth", RuleAction.NextKey, CooldownKind.Disable, CooldownScope.Key)]
    [InlineData(404, "model not found", null, "model-not-found", RuleAction.NextTarget, CooldownKind.Fixed, CooldownScope.Model)]
    [InlineData(400, "This model's maximum context length is 128000 tokens", "context_length_exceeded", "context-length", RuleAction.NextLargerContext, CooldownKind.None, CooldownScope.KeyModel)]
    [InlineData(400, "prompt is too long: 210000 tokens > 200000 maximum", null, "context-length", RuleAction.NextLargerContext, CooldownKind.None, CooldownScope.KeyModel)]
    [InlineData(400, "messages: field required", null, "client-error", RuleAction.FailClient, CooldownKind.None, CooldownScope.KeyModel)]
    [InlineData(422, "unprocessable", null, "client-error", RuleAction.FailClient, CooldownKind.None, CooldownScope.KeyModel)]
    [InlineData(408, "request timeout", null, "request-timeout", RuleAction.NextTarget, CooldownKind.Backoff, CooldownScope.KeyModel)]
    [InlineData(null, "connection reset", null, "no-answer", RuleAction.NextTarget, CooldownKind.Backoff, CooldownScope.KeyModel)]
    public void Match_DefaultTable_PicksTheDocumentedRule(int? status, string message, string? type, string name, RuleAction action, CooldownKind cooldown, CooldownScope scope)
    {
        var rule = FailureRules.Default.Match(Failure(status, message, type, type));
        Assert.Equal((name, action, cooldown, scope), (rule.Name, rule.Action, rule.Cooldown, rule.Scope));
    }

    [Fact]
    public void Match_ModelNotFoundRestsTenMinutesAndQuotaOneHour()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), FailureRules.Default.Match(Failure(404)).Duration);
        Assert.Equal(TimeSpan.FromHours(1), FailureRules.Default.Match(Failure(402)).Duration);
    }

    [Fact]
    public void Match_ConfiguredRule_WinsOverTheDefaults()
    {
        var rules = Rules(new FailureRuleConfig { Name = "teapot", Statuses = [418], Action = "next-target", Cooldown = "fixed", Duration = TimeSpan.FromSeconds(30) },
            new FailureRuleConfig { Name = "soft-429", Statuses = [429], Texts = ["slow down"], Action = "next-target", Cooldown = "backoff" });
        Assert.Equal("teapot", rules.Match(Failure(418)).Name);
        Assert.Equal(RuleAction.NextTarget, rules.Match(Failure(418)).Action);
        Assert.Equal("soft-429", rules.Match(Failure(429, "please slow down")).Name);
        Assert.Equal("rate-limit", rules.Match(Failure(429, "rate limit")).Name);
    }

    /// <summary>Builds the rules the way the router does from config.</summary>
    private static FailureRules Rules(params FailureRuleConfig[] configured) =>
        new FlowRouter.Routing.RoutingRuntime(new RoutingConfig { FailureRules = configured }, TimeProvider.System).Rules;
}
