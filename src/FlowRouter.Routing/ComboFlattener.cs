using FlowRouter.Core.Config;

namespace FlowRouter.Routing;

/// <summary>
/// Turns each combo into its ordered target list, expanding nested combos depth-first (priority order) and keeping
/// the first occurrence of a target that appears twice. Cycles are rejected when the config is validated, so the
/// expansion here only guards against them.
/// </summary>
internal static class ComboFlattener
{
    public static Dictionary<string, IReadOnlyList<Target>> Flatten(IReadOnlyList<ComboConfig> combos, RouteTable table)
    {
        var byName = combos.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var flattened = new Dictionary<string, IReadOnlyList<Target>>(StringComparer.Ordinal);
        foreach (var combo in combos)
        {
            var targets = new List<Target>();
            Expand(combo, byName, table, targets, [combo.Name]);
            flattened[combo.Name] = targets;
        }
        return flattened;
    }

    private static void Expand(ComboConfig combo, Dictionary<string, ComboConfig> byName, RouteTable table, List<Target> targets, HashSet<string> visiting)
    {
        foreach (string address in combo.Targets)
        {
            if (byName.TryGetValue(address, out var nested))
            {
                if (visiting.Add(nested.Name))
                {
                    Expand(nested, byName, table, targets, visiting);
                    visiting.Remove(nested.Name);
                }
                continue;
            }
            int slash = address.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !table.TryGetProvider(address[..slash], out var provider) || !provider.Config.Enabled)
            {
                continue; // validated at load; a disabled provider simply drops out of the combo
            }
            var target = new Target(provider, address[(slash + 1)..]);
            if (!targets.Exists(t => t.Address == target.Address))
            {
                targets.Add(target);
            }
        }
    }
}
