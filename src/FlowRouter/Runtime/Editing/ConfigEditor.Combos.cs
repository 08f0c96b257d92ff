using System.Text.Json.Nodes;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Runtime.Editing;

/// <summary>Combos: create, replace, update, delete; every target must exist and no combo may reach itself.</summary>
internal sealed partial class ConfigEditor
{
    public ComboConfig CreateCombo(JsonObject body) => Edit(current =>
    {
        var combo = Read(() => ConfigDocuments.ReadCombo(body.ToJsonString()), "invalid_combo");
        if (current.Combos.FirstOrDefault(c => c.Name == combo.Name) is { } existing)
        {
            throw Taken($"Combo '{combo.Name}'", existing.Origin);
        }
        CheckCombos([.. current.Combos, combo], current.Providers);
        store.SaveCombo(new StoredCombo(combo.Name, body.ToJsonString()), time.GetUtcNow());
        return combo;
    });

    public ComboConfig UpdateCombo(string name, JsonObject body, bool merge) => Edit(current =>
    {
        StoredComboOrThrow(current, name);
        var row = store.ListCombos().First(r => r.Name == name);
        var document = Overlay(Document(row.DocJson), body, merge);
        SameName(document, "name", name);
        var combo = Read(() => ConfigDocuments.ReadCombo(document.ToJsonString()), "invalid_combo");
        CheckCombos(current.Combos.Select(c => c.Name == name ? combo : c).ToArray(), current.Providers);
        store.SaveCombo(new StoredCombo(name, document.ToJsonString()), time.GetUtcNow());
        return combo;
    });

    public void DeleteCombo(string name) => Edit(current =>
    {
        StoredComboOrThrow(current, name);
        var users = current.Combos.Where(c => c.Name != name && c.Targets.Contains(name, StringComparer.Ordinal)).Select(c => $"combo '{c.Name}'").ToArray();
        if (users.Length > 0)
        {
            throw ConfigEditException.InUse($"Combo '{name}'", users);
        }
        store.DeleteCombo(name);
        return true;
    });

    private void StoredComboOrThrow(FlowRouterConfig current, string name)
    {
        var existing = current.Combos.FirstOrDefault(c => c.Name == name) ?? throw ConfigEditException.NotFound($"combo '{name}'");
        if (existing.Origin != ConfigOrigins.Store)
        {
            throw ConfigEditException.ReadOnly($"Combo '{name}'", existing.Origin, file.SourcePath);
        }
    }

    private static void CheckCombos(IReadOnlyList<ComboConfig> combos, IReadOnlyList<ProviderConfig> providers)
    {
        foreach (var combo in combos)
        {
            if (ComboChecks.Problem(combo, combos, providers) is { } problem)
            {
                throw ConfigEditException.Invalid("invalid_combo", problem);
            }
        }
    }
}
