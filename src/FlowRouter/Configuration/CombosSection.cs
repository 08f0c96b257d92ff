using System.Text.RegularExpressions;
using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>
/// The combos: section. Targets are "provider/model" addresses of configured providers or names of other combos;
/// a combo that reaches itself is rejected with the cycle spelled out.
/// </summary>
internal static partial class CombosSection
{
    private static readonly string[] SupportedStrategies = [ComboConfig.PriorityStrategy];

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
        var fields = item.Mapping("name", "strategy", "targets");
        string name = fields.TryGetValue("name", out var nameNode) ? nameNode.String() : throw item.Error("name is required");
        if (!NamePattern().IsMatch(name))
        {
            throw nameNode.Error($"'{name}' is not a valid combo name: letters, digits, '.', '_' and '-', no '/'");
        }
        string strategy = fields.TryGetValue("strategy", out var strategyNode) ? strategyNode.String() : ComboConfig.PriorityStrategy;
        if (Array.IndexOf(SupportedStrategies, strategy) < 0)
        {
            throw strategyNode!.Error($"strategy '{strategy}' is not supported (supported: {string.Join(", ", SupportedStrategies)})");
        }
        var targets = fields.TryGetValue("targets", out var targetsNode) ? targetsNode.StringList() : throw item.Error("targets is required");
        if (targets.Count == 0)
        {
            throw targetsNode.Error("a combo needs at least one target");
        }
        return new ComboConfig(name, strategy, targets);
    }

    private static void CheckTargets(ComboConfig combo, ConfigNode node, HashSet<string> comboNames, IReadOnlyList<ProviderConfig> providers)
    {
        var targetsNode = node.Mapping("name", "strategy", "targets")["targets"];
        var targetNodes = targetsNode.Node is YamlDotNet.RepresentationModel.YamlSequenceNode ? targetsNode.Sequence() : [targetsNode];
        for (int i = 0; i < combo.Targets.Count; i++)
        {
            string target = combo.Targets[i];
            if (comboNames.Contains(target))
            {
                continue;
            }
            int slash = target.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == target.Length - 1)
            {
                throw targetNodes[i].Error($"'{target}' is neither a combo name nor a provider/model address");
            }
            string providerId = target[..slash];
            if (!providers.Any(p => p.Id == providerId))
            {
                throw targetNodes[i].Error($"unknown provider '{providerId}' (configured: {string.Join(", ", providers.Select(p => p.Id))})");
            }
        }
    }

    private static void RejectCycles(List<(ComboConfig Combo, ConfigNode Node)> combos)
    {
        var byName = combos.ToDictionary(c => c.Combo.Name, StringComparer.Ordinal);
        foreach (var (combo, node) in combos)
        {
            var cycle = FindCycle(combo.Name, byName, [combo.Name]);
            if (cycle is not null)
            {
                throw node.Error($"combo cycle: {string.Join(" -> ", cycle)}");
            }
        }
    }

    private static List<string>? FindCycle(string current, Dictionary<string, (ComboConfig Combo, ConfigNode Node)> byName, List<string> path)
    {
        foreach (string target in byName[current].Combo.Targets)
        {
            if (!byName.ContainsKey(target))
            {
                continue;
            }
            if (target == path[0])
            {
                return [.. path, target];
            }
            if (!path.Contains(target))
            {
                var found = FindCycle(target, byName, [.. path, target]);
                if (found is not null)
                {
                    return found;
                }
            }
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
