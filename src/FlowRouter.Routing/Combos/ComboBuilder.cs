using FlowRouter.Core.Config;

namespace FlowRouter.Routing.Combos;

/// <summary>
/// Builds each configured combo's <see cref="ComboNode"/>: its strategy, weights, hedging and timeouts, with nested
/// combos shared rather than copied. Targets on disabled providers drop out; cycles were rejected at load, so the
/// guard here only stops a runaway.
/// </summary>
internal static class ComboBuilder
{
    public static Dictionary<string, ComboNode> Build(IReadOnlyList<ComboConfig> combos, RouteTable table)
    {
        var byName = combos.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var built = new Dictionary<string, ComboNode>(StringComparer.Ordinal);
        foreach (var combo in combos)
        {
            Node(combo, byName, table, built, []);
        }
        return built;
    }

    private static ComboNode Node(ComboConfig combo, Dictionary<string, ComboConfig> byName, RouteTable table, Dictionary<string, ComboNode> built, HashSet<string> visiting)
    {
        if (built.TryGetValue(combo.Name, out var existing))
        {
            return existing;
        }
        var strategy = ComboStrategies.TryParse(combo.Strategy, out var parsed) ? parsed : ComboStrategy.Priority; // validated at load
        var node = new ComboNode(combo.Name, strategy) { HedgeAfter = combo.HedgeAfter, HedgeAtP95 = combo.HedgeAtP95, Timeouts = combo.Timeouts };
        visiting.Add(combo.Name);
        for (int i = 0; i < combo.Targets.Count; i++)
        {
            string address = combo.Targets[i];
            int weight = combo.Weights is { } weights && i < weights.Count ? weights[i] : 1;
            if (byName.TryGetValue(address, out var nested))
            {
                if (!visiting.Contains(nested.Name))
                {
                    node.Children.Add(new ComboChild(null, Node(nested, byName, table, built, visiting), weight));
                }
                continue;
            }
            int slash = address.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && table.TryGetProvider(address[..slash], out var provider) && provider.Config.Enabled)
            {
                node.Children.Add(new ComboChild(new Target(provider, address[(slash + 1)..]), null, weight));
            }
        }
        visiting.Remove(combo.Name);
        built[combo.Name] = node;
        return node;
    }
}
