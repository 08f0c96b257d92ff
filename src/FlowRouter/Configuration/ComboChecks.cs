using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>
/// The rules every set of combos obeys, wherever it came from (the config file or the admin API): each target is a
/// known combo or a provider/model address of a configured provider, and no combo reaches itself.
/// </summary>
internal static class ComboChecks
{
    /// <summary>What is wrong with one target, or null when it is fine.</summary>
    public static string? TargetProblem(string target, IReadOnlySet<string> comboNames, IReadOnlyList<ProviderConfig> providers)
    {
        if (comboNames.Contains(target))
        {
            return null;
        }
        int slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == target.Length - 1)
        {
            return $"'{target}' is neither a combo name nor a provider/model address";
        }
        string providerId = target[..slash];
        return providers.Any(p => p.Id == providerId)
            ? null
            : $"unknown provider '{providerId}' (configured: {string.Join(", ", providers.Select(p => p.Id))})";
    }

    /// <summary>The first problem of <paramref name="combo"/> within the whole set, or null.</summary>
    public static string? Problem(ComboConfig combo, IReadOnlyList<ComboConfig> all, IReadOnlyList<ProviderConfig> providers)
    {
        var names = all.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string target in combo.Targets)
        {
            if (TargetProblem(target, names, providers) is { } problem)
            {
                return $"combo '{combo.Name}': {problem}";
            }
        }
        return CycleFrom(combo.Name, all) is { } cycle ? $"combo cycle: {string.Join(" -> ", cycle)}" : null;
    }

    /// <summary>The path of a cycle that starts and ends at <paramref name="start"/>, or null.</summary>
    public static IReadOnlyList<string>? CycleFrom(string start, IReadOnlyList<ComboConfig> all)
    {
        var byName = new Dictionary<string, ComboConfig>(StringComparer.Ordinal);
        foreach (var combo in all)
        {
            byName.TryAdd(combo.Name, combo);
        }
        return byName.ContainsKey(start) ? Walk(start, byName, [start]) : null;
    }

    private static List<string>? Walk(string current, Dictionary<string, ComboConfig> byName, List<string> path)
    {
        foreach (string target in byName[current].Targets)
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
                var found = Walk(target, byName, [.. path, target]);
                if (found is not null)
                {
                    return found;
                }
            }
        }
        return null;
    }
}
