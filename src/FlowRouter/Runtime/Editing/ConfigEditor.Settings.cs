using System.Text.Json;
using FlowRouter.Configuration;

namespace FlowRouter.Runtime.Editing;

/// <summary>Settings: each value is checked with the config file's rules; null resets it to the default.</summary>
internal sealed partial class ConfigEditor
{
    public void SetSettings(IReadOnlyList<(string Name, JsonElement Value)> changes) => Edit(current =>
    {
        var server = current.Server;
        foreach (var (name, value) in changes)
        {
            var definition = EditableSettings.Find(name)
                ?? throw ConfigEditException.Invalid("unknown_setting", $"Unknown setting '{name}' (expected one of: {string.Join(", ", EditableSettings.All.Select(d => d.Name))}).");
            if (server.SetInFile.Contains(name))
            {
                throw ConfigEditException.ReadOnly($"Setting '{name}'", Core.Config.ConfigOrigins.File, file.SourcePath);
            }
            if (value.ValueKind != JsonValueKind.Null)
            {
                server = Read(() => definition.Apply(server, EditableSettings.ValueNode(name, EditableSettings.ToJson(value))), "invalid_setting");
            }
        }
        var now = time.GetUtcNow();
        foreach (var (name, value) in changes)
        {
            store.SetSetting(name, value.ValueKind == JsonValueKind.Null ? null : EditableSettings.ToJson(value), now);
        }
        return true;
    });
}
