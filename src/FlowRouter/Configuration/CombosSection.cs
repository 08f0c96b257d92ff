using System.Text.RegularExpressions;
using FlowRouter.Core.Config;
using FlowRouter.Routing.Combos;

namespace FlowRouter.Configuration;

/// <summary>
/// The combos: section. Targets are "provider/model" addresses of configured providers or names of other combos;
/// a combo that reaches itself is rejected with the cycle spelled out.
/// </summary>
internal static partial class CombosSection
{
    private static readonly string[] ComboFields = ["name", "strategy", "targets", "hedge_after_ms", "hedge_after", "timeouts", "token_saver"];

    public static IReadOnlyList<ComboConfig> Read(ConfigNode section, IReadOnlyList<ProviderConfig> providers)
    {
        var items = section.Sequence();
        var combos = new List<(ComboConfig Combo, ConfigNode Node)>();
        foreach (var item in items)
        {
            var combo = ReadOne(item);
            if (combos.Exists(c => c.Combo.Name == combo.Name))
            {
                throw item.Error($"duplicate combo name '{combo.Name}'");
            }
            combos.Add((combo, item));
        }
        var names = combos.Select(c => c.Combo.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (combo, node) in combos)
        {
            CheckTargets(combo, node, names, providers);
        }
        RejectCycles(combos);
        return combos.Select(c => c.Combo).ToArray();
    }

    private static ComboConfig ReadOne(ConfigNode item)
    {
        var fields = item.Mapping(ComboFields);
        string name = fields.TryGetValue("name", out var nameNode) ? nameNode.String() : throw item.Error("name is required");
        if (!NamePattern().IsMatch(name))
        {
            throw nameNode.Error($"'{name}' is not a valid combo name: letters, digits, '.', '_' and '-', no '/'");
        }
        string strategy = fields.TryGetValue("strategy", out var strategyNode) ? strategyNode.String() : ComboConfig.PriorityStrategy;
        if (!ComboStrategies.TryParse(strategy, out _))
        {
            throw strategyNode!.Error($"unknown strategy '{strategy}' (expected {ComboStrategies.Expected})");
        }
        if (!fields.TryGetValue("targets", out var targetsNode))
        {
            throw item.Error("targets is required");
        }
        var (targets, weights) = ReadTargets(targetsNode);
        if (targets.Count == 0)
        {
            throw targetsNode.Error("a combo needs at least one target");
        }
        var combo = new ComboConfig(name, strategy, targets) { Weights = weights };
        if (fields.TryGetValue("hedge_after_ms", out var hedgeMs))
        {
            combo = combo with { HedgeAfter = TimeSpan.FromMilliseconds(hedgeMs.Int(1, 3_600_000)) };
        }
        if (fields.TryGetValue("hedge_after", out var hedge))
        {
            string text = hedge.String();
            combo = text == "p95"
                ? combo with { HedgeAtP95 = true }
                : int.TryParse(text.TrimEnd('s', 'm'), System.Globalization.CultureInfo.InvariantCulture, out int ms) && text.EndsWith("ms", StringComparison.Ordinal)
                    ? combo with { HedgeAfter = TimeSpan.FromMilliseconds(ms) }
                    : throw hedge.Error($"expected p95 or a delay such as 800ms, got '{text}'");
        }
        if (fields.TryGetValue("timeouts", out var timeouts))
        {
            combo = combo with { Timeouts = ServerSection.ReadTimeouts(timeouts, TimeoutSettings.Default) };
        }
        if (fields.TryGetValue("token_saver", out var saver))
        {
            combo = combo with { TokenSaver = saver.Bool() };
        }
        return combo;
    }

    /// <summary>Targets as addresses, or as {model, weight} mappings; weights default to 1.</summary>
    private static (IReadOnlyList<string> Targets, IReadOnlyList<int>? Weights) ReadTargets(ConfigNode node)
    {
        if (node.Node is not YamlDotNet.RepresentationModel.YamlSequenceNode)
        {
            return (node.StringList(), null);
        }
        var targets = new List<string>();
        var weights = new List<int>();
        bool weighted = false;
        foreach (var item in node.Sequence())
        {
            if (item.Node is YamlDotNet.RepresentationModel.YamlMappingNode)
            {
                var fields = item.Mapping("model", "weight");
                targets.Add(fields.TryGetValue("model", out var model) ? model.String() : throw item.Error("model is required"));
                weights.Add(fields.TryGetValue("weight", out var weight) ? weight.Int(0, 1_000_000) : 1);
                weighted = true;
            }
            else
            {
                targets.Add(item.String());
                weights.Add(1);
            }
        }
        return (targets, weighted ? weights : null);
    }

    private static void CheckTargets(ComboConfig combo, ConfigNode node, IReadOnlySet<string> comboNames, IReadOnlyList<ProviderConfig> providers)
    {
        var targetsNode = node.Mapping(ComboFields)["targets"];
        var targetNodes = targetsNode.Node is YamlDotNet.RepresentationModel.YamlSequenceNode ? targetsNode.Sequence() : [targetsNode];
        for (int i = 0; i < combo.Targets.Count; i++)
        {
            if (ComboChecks.TargetProblem(combo.Targets[i], comboNames, providers) is { } problem)
            {
                throw targetNodes[i].Error(problem);
            }
        }
    }

    private static void RejectCycles(List<(ComboConfig Combo, ConfigNode Node)> combos)
    {
        var all = combos.Select(c => c.Combo).ToArray();
        foreach (var (combo, node) in combos)
        {
            if (ComboChecks.CycleFrom(combo.Name, all) is { } cycle)
            {
                throw node.Error($"combo cycle: {string.Join(" -> ", cycle)}");
            }
        }
    }

    /// <summary>One combo entry (an admin API document), validated on its own; its targets are checked by <see cref="ComboChecks"/>.</summary>
    public static ComboConfig ReadEntry(ConfigNode item) => ReadOne(item);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
