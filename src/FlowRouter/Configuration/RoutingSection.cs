using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>
/// The routing: section: panic_mode, failure_rules (checked before the shipped defaults), tiers (cost-tier routing:
/// a model alias and the combo or address for each tier) and catalog (a model catalog file overriding the built-in).
/// </summary>
internal static class RoutingSection
{
    private static readonly string[] Actions = ["next-target", "next-key", "fail-client", "next-larger-context"];
    private static readonly string[] Cooldowns = ["none", "fixed", "backoff", "retry-after", "until-reset", "disable"];
    private static readonly string[] Scopes = ["key-model", "key", "model"];

    public static RoutingConfig Read(ConfigNode section)
    {
        var fields = section.Mapping("panic_mode", "failure_rules", "tiers", "catalog");
        var routing = new RoutingConfig();
        if (fields.TryGetValue("panic_mode", out var panic))
        {
            routing = routing with { PanicMode = panic.Bool() };
        }
        if (fields.TryGetValue("failure_rules", out var rules))
        {
            routing = routing with { FailureRules = rules.Sequence().Select(ReadRule).ToArray() };
        }
        if (fields.TryGetValue("tiers", out var tiers))
        {
            var t = tiers.Mapping("alias", "simple", "medium", "complex");
            string Required(string name) => t.TryGetValue(name, out var v) ? v.String() : throw tiers.Error($"{name} is required");
            routing = routing with { Tiers = new TiersConfig(t.TryGetValue("alias", out var alias) ? alias.String() : "auto", Required("simple"), Required("medium"), Required("complex")) };
        }
        if (fields.TryGetValue("catalog", out var catalog))
        {
            string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(catalog.File)) ?? ".", catalog.String()));
            try
            {
                FlowRouter.Providers.Catalog.ModelCatalog.ReadOverride(path); // checked now, so a bad file stops the start
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                throw catalog.Error(ex.Message);
            }
            routing = routing with { CatalogPath = path };
        }
        return routing;
    }

    private static FailureRuleConfig ReadRule(ConfigNode node)
    {
        var f = node.Mapping("name", "status", "no_answer", "text", "action", "cooldown", "seconds", "scope");
        var rule = new FailureRuleConfig { Name = f.TryGetValue("name", out var name) ? name.String() : throw node.Error("name is required") };
        if (f.TryGetValue("status", out var status))
        {
            rule = rule with { Statuses = status.Node is YamlDotNet.RepresentationModel.YamlSequenceNode ? status.Sequence().Select(s => s.Int(100, 599)).ToArray() : [status.Int(100, 599)] };
        }
        if (f.TryGetValue("no_answer", out var noAnswer))
        {
            rule = rule with { NoAnswer = noAnswer.Bool() };
        }
        if (f.TryGetValue("text", out var text))
        {
            rule = rule with { Texts = text.StringList() };
        }
        if (rule.Statuses is null && !rule.NoAnswer && rule.Texts is null)
        {
            throw node.Error("a rule needs at least one of status, no_answer or text to match");
        }
        rule = rule with
        {
            Action = OneOf(f, "action", Actions, rule.Action),
            Cooldown = OneOf(f, "cooldown", Cooldowns, rule.Cooldown),
            Scope = OneOf(f, "scope", Scopes, rule.Scope),
            Duration = f.TryGetValue("seconds", out var seconds) ? TimeSpan.FromSeconds(seconds.Number(0, 30 * 86_400)) : TimeSpan.FromMinutes(1),
        };
        return rule;
    }

    private static string OneOf(IReadOnlyDictionary<string, ConfigNode> fields, string name, string[] allowed, string fallback)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            return fallback;
        }
        string value = node.String();
        return Array.IndexOf(allowed, value) >= 0 ? value : throw node.Error($"unknown {name} '{value}' (expected {string.Join(" | ", allowed)})");
    }
}
