using FlowRouter.Configuration;
using FlowRouter.Core.Config;

namespace FlowRouter.Runtime;

/// <summary>
/// Makes the running config from the config file (with providers found in the environment) and the entries made
/// through the admin API. The file wins: a stored entry whose id or name the file also uses is left out, and so is a
/// stored combo whose targets the file no longer provides; each such case is reported, never silently merged.
/// </summary>
internal static class ConfigComposer
{
    public static FlowRouterConfig Compose(FlowRouterConfig file, StoredConfig stored, ICollection<string>? problems = null)
    {
        var providers = file.Providers.Concat(Unshadowed(stored.Providers, file.Providers, p => p.Id, "provider", problems)).ToList();
        var combos = file.Combos.ToList();
        foreach (var combo in Unshadowed(stored.Combos, file.Combos, c => c.Name, "combo", problems))
        {
            combos.Add(combo);
        }
        DropBrokenCombos(combos, providers, problems);
        var keys = file.Keys.Concat(Unshadowed(stored.Keys, file.Keys, k => k.Name, "client key", problems)).ToArray();
        foreach (var provider in providers.Where(p => p.Problem is not null))
        {
            problems?.Add($"provider '{provider.Id}' is disabled: {provider.Problem}");
        }
        return file with
        {
            Server = EditableSettings.Apply(file.Server, stored.Settings, problems),
            Providers = providers,
            Combos = combos,
            Keys = keys,
        };
    }

    private static IEnumerable<T> Unshadowed<T>(IReadOnlyList<T> stored, IReadOnlyList<T> file, Func<T, string> name, string what, ICollection<string>? problems)
    {
        foreach (var entry in stored)
        {
            if (file.Any(f => name(f) == name(entry)))
            {
                problems?.Add($"{what} '{name(entry)}' made through the admin API is shadowed by the config file's entry of the same name");
                continue;
            }
            yield return entry;
        }
    }

    /// <summary>Stored combos that no longer check out (the file dropped a provider they use) are left out, one at a time.</summary>
    private static void DropBrokenCombos(List<ComboConfig> combos, List<ProviderConfig> providers, ICollection<string>? problems)
    {
        while (combos.FirstOrDefault(c => c.Origin == ConfigOrigins.Store && ComboChecks.Problem(c, combos, providers) is not null) is { } broken)
        {
            problems?.Add($"combo '{broken.Name}' is left out: {ComboChecks.Problem(broken, combos, providers)}");
            combos.Remove(broken);
        }
    }
}
