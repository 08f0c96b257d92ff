using System.Text.Json;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Runtime;

namespace FlowRouter.UnitTests.Configuration;

/// <summary>How the config file and the store's entries make the running config, and the rules every combo set obeys.</summary>
public sealed class ConfigComposerTests
{
    private static readonly FlowRouterConfig File = ConfigLoader.Parse("""
        server: { max_body_mb: 8 }
        providers:
          - { id: filep, type: openai, base_url: "http://127.0.0.1:9/v1", models: [m] }
        combos:
          - { name: filec, targets: [filep/m] }
        keys:
          - { name: filek, key: flr_file_key_0000000000000000 }
        """, "test.yaml", _ => null);

    private static StoredConfig Stored(
        IReadOnlyList<ProviderConfig>? providers = null, IReadOnlyList<ComboConfig>? combos = null,
        IReadOnlyList<ClientKeyConfig>? keys = null, Dictionary<string, string>? settings = null) =>
        new(providers ?? [], combos ?? [], keys ?? [], settings ?? []);

    [Fact]
    public void StoredEntries_AreAddedAfterTheFileOnes_AndMarkedAsApiEntries()
    {
        var apiProvider = ConfigDocuments.ReadProvider("""{"id":"apip","type":"openai","base_url":"http://127.0.0.1:9/v1"}""");
        var apiCombo = ConfigDocuments.ReadCombo("""{"name":"apic","targets":["apip/x","filec"]}""");
        var config = ConfigComposer.Compose(File, Stored([apiProvider], [apiCombo]));
        Assert.Equal(["filep", "apip"], config.Providers.Select(p => p.Id));
        Assert.Equal([ConfigOrigins.File, ConfigOrigins.Store], config.Providers.Select(p => p.Origin));
        Assert.Equal(["filec", "apic"], config.Combos.Select(c => c.Name));
        Assert.True(ConfigOrigins.IsReadOnly(config.Combos[0].Origin));
        Assert.False(ConfigOrigins.IsReadOnly(config.Combos[1].Origin));
    }

    [Fact]
    public void FileWins_OverAStoredEntryOfTheSameName_AndSaysSo()
    {
        var clash = ConfigDocuments.ReadProvider("""{"id":"filep","type":"anthropic","base_url":"http://127.0.0.1:9"}""");
        var problems = new List<string>();
        var config = ConfigComposer.Compose(File, Stored([clash]), problems);
        Assert.Equal(ProviderType.OpenAI, config.Providers.Single().Type);
        Assert.Contains(problems, p => p.Contains("provider 'filep'", StringComparison.Ordinal) && p.Contains("shadowed", StringComparison.Ordinal));
    }

    [Fact]
    public void StoredCombo_WhoseProviderTheFileNoLongerHas_IsLeftOutAndReported_WithCombosBuiltOnIt()
    {
        var orphan = ConfigDocuments.ReadCombo("""{"name":"orphan","targets":["gone/m"]}""");
        var onTop = ConfigDocuments.ReadCombo("""{"name":"ontop","targets":["orphan"]}""");
        var problems = new List<string>();
        var config = ConfigComposer.Compose(File, Stored(combos: [orphan, onTop]), problems);
        Assert.Equal(["filec"], config.Combos.Select(c => c.Name));
        Assert.Equal(2, problems.Count(p => p.Contains("left out", StringComparison.Ordinal)));
    }

    [Fact]
    public void Settings_StoredValuesApplyExceptWhereTheFileSetsThem_AndBadStoredValuesFallBackWithAReport()
    {
        var problems = new List<string>();
        var config = ConfigComposer.Compose(File, Stored(settings: new() { ["max_body_mb"] = "2", ["backup_keep"] = "4", ["require_key"] = "\"perhaps\"" }), problems);
        Assert.Equal(8, config.Server.MaxBodyMb); // the file's value
        Assert.Equal(4, config.Server.BackupKeep);
        Assert.False(config.Server.RequireKey);
        Assert.Single(problems, p => p.Contains("require_key", StringComparison.Ordinal));
        Assert.Equal("config", EditableSettings.Source(config.Server, new Dictionary<string, string> { ["max_body_mb"] = "2" }, "max_body_mb"));
        Assert.Equal("api", EditableSettings.Source(config.Server, new Dictionary<string, string> { ["backup_keep"] = "4" }, "backup_keep"));
        Assert.Equal("default", EditableSettings.Source(config.Server, new Dictionary<string, string>(), "backup_keep"));
    }

    [Fact]
    public void ComboChecks_NameUnknownTargetsAndSpellOutCycles()
    {
        var providers = File.Providers;
        var a = new ComboConfig("a", "priority", ["b"]);
        var b = new ComboConfig("b", "priority", ["c", "filep/m"]);
        var c = new ComboConfig("c", "priority", ["a"]);
        Assert.Equal("combo cycle: a -> b -> c -> a", ComboChecks.Problem(a, [a, b, c], providers));
        Assert.Null(ComboChecks.Problem(b, [b, new ComboConfig("c", "priority", ["filep/m"])], providers));
        Assert.Contains("unknown provider 'nope'", ComboChecks.Problem(new ComboConfig("x", "priority", ["nope/m"]), [], providers), StringComparison.Ordinal);
        Assert.Contains("neither a combo name", ComboChecks.Problem(new ComboConfig("x", "priority", ["bare"]), [], providers), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiDocuments_AreReadWithTheFileRules_ButNeverExpandTheEnvironment()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocuments.ReadProvider("""{"id":"Bad Id","type":"openai","base_url":"http://x"}"""));
        Assert.StartsWith("request body:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid id", error.Message, StringComparison.Ordinal);
        var literal = ConfigDocuments.ReadProvider("""{"id":"p","type":"openai","base_url":"http://127.0.0.1/${HOME}","api_key":"${SECRET}"}""");
        Assert.Equal("${SECRET}", literal.ApiKeys.Single());
        Assert.Throws<ConfigException>(() => ConfigDocuments.Parse("[1]"));
        Assert.Throws<ConfigException>(() => ConfigDocuments.ReadKey("""{"name":"k","key":"flr_x"}""", new byte[32]));
    }

    [Fact]
    public void ProviderEntries_CompareListsAndHeadersByValue()
    {
        var one = ConfigDocuments.ReadProvider("""{"id":"p","type":"openai","base_url":"http://127.0.0.1/v1","api_keys":["k1"],"headers":{"h":"v"},"models":["m"]}""");
        var same = ConfigDocuments.ReadProvider("""{"id":"p","type":"openai","base_url":"http://127.0.0.1/v1","api_keys":["k1"],"headers":{"h":"v"},"models":["m"]}""");
        Assert.True(ProviderEntries.Same(one, same));
        Assert.False(ProviderEntries.Same(one, same with { ApiKeys = ["k2"] }));
        Assert.False(ProviderEntries.Same(one, same with { Headers = new Dictionary<string, string> { ["h"] = "w" } }));
        Assert.False(ProviderEntries.Same(one, same with { Models = null }));
    }

    [Fact]
    public void SettingValues_AreCheckedWithTheFileRules()
    {
        var definition = EditableSettings.Find("max_body_mb")!;
        Assert.Equal(5, definition.Apply(new ServerConfig(), EditableSettings.ValueNode("max_body_mb", "5")).MaxBodyMb);
        var error = Assert.Throws<ConfigException>(() => definition.Apply(new ServerConfig(), EditableSettings.ValueNode("max_body_mb", "0")));
        Assert.Contains("from 1 to 1024", error.Message, StringComparison.Ordinal);
        using var json = JsonDocument.Parse("true");
        Assert.Equal("true", EditableSettings.ToJson(json.RootElement));
    }
}
