using System.Security.Cryptography;
using System.Text;
using FlowRouter.Core.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FlowRouter.Configuration;

/// <summary>
/// Reads a config file (YAML, or JSON, which is valid YAML) into a validated <see cref="FlowRouterConfig"/>.
/// Every problem is reported as one line naming the file, the position, the path inside it and what is wrong.
/// </summary>
internal static class ConfigLoader
{
    public static FlowRouterConfig Load(string path, Func<string, string?> environment)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the config file: {ex.Message}");
        }
        return Parse(text, path, environment) with { SourcePath = Path.GetFullPath(path) };
    }

    public static FlowRouterConfig Parse(string text, string file, Func<string, string?> environment)
    {
        var root = ParseDocument(text, file);
        if (root is null)
        {
            return new FlowRouterConfig();
        }
        var node = new ConfigNode(root, file, "", environment);
        if (node.IsNull)
        {
            return new FlowRouterConfig();
        }
        var top = node.Mapping("server", "providers", "combos", "keys", "routing");
        var server = top.TryGetValue("server", out var s) ? ServerSection.Read(s) : new ServerConfig();
        var providers = top.TryGetValue("providers", out var p) ? ProvidersSection.Read(p) : [];
        var keys = top.TryGetValue("keys", out var k) ? ReadKeys(k) : [];
        var combos = top.TryGetValue("combos", out var c) ? CombosSection.Read(c, providers) : [];
        var routing = top.TryGetValue("routing", out var r) ? RoutingSection.Read(r) : new RoutingConfig();
        CheckTiers(routing, top.GetValueOrDefault("routing"), combos, providers);
        return new FlowRouterConfig { Server = server, Providers = providers, Combos = combos, Keys = keys, Routing = routing };
    }

    /// <summary>Each tier must name a combo or a provider/model address of a configured provider.</summary>
    private static void CheckTiers(RoutingConfig routing, ConfigNode? node, IReadOnlyList<ComboConfig> combos, IReadOnlyList<ProviderConfig> providers)
    {
        if (routing.Tiers is not { } tiers)
        {
            return;
        }
        foreach (string target in new[] { tiers.Simple, tiers.Medium, tiers.Complex })
        {
            int slash = target.IndexOf('/', StringComparison.Ordinal);
            bool known = combos.Any(c => c.Name == target) || slash > 0 && providers.Any(p => p.Id == target[..slash]);
            if (!known)
            {
                throw node!.Error($"tiers: '{target}' is neither a combo name nor a provider/model address");
            }
        }
    }

    internal static YamlNode? ParseDocument(string text, string file)
    {
        // YAML forbids tabs as indentation, but JSON files are often tab-indented: outside strings they are plain
        // whitespace, so turning them into spaces keeps every JSON file valid YAML without changing its meaning.
        if (text.TrimStart().StartsWith('{'))
        {
            text = text.Replace('\t', ' ');
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            string reason = (ex.InnerException?.Message ?? ex.Message).Split('\n')[0];
            throw new ConfigException($"{file}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML or JSON: {reason}");
        }
    }

    /// <summary>The fields a client key entry may have besides key / key_sha256 (its limits).</summary>
    internal static readonly string[] KeyLimitFields = ["name", "allowed_models", "allowed_providers", "rpm", "tpm",
        "daily_budget_usd", "monthly_budget_usd", "expires", "revoked", "token_saver", "caveman"];

    private static List<ClientKeyConfig> ReadKeys(ConfigNode section)
    {
        var keys = new List<ClientKeyConfig>();
        foreach (var item in section.Sequence())
        {
            var fields = item.Mapping([.. KeyLimitFields, "key", "key_sha256"]);
            string name = fields.TryGetValue("name", out var n) ? n.String() : throw item.Error("name is required");
            if (keys.Exists(k => k.Name == name))
            {
                throw n.Error($"duplicate key name '{name}'");
            }
            keys.Add(KeyLimitsSection.Read(new ClientKeyConfig(name, ReadKeyHash(item, fields)), fields));
        }
        return keys;
    }

    private static byte[] ReadKeyHash(ConfigNode item, IReadOnlyDictionary<string, ConfigNode> fields)
    {
        bool hasKey = fields.TryGetValue("key", out var key);
        bool hasHash = fields.TryGetValue("key_sha256", out var hash);
        if (hasKey == hasHash)
        {
            throw item.Error("give exactly one of key (the key itself) or key_sha256 (its SHA-256 in hex)");
        }
        if (hasKey)
        {
            string plain = key!.String();
            if (plain.Length < 16)
            {
                throw key.Error("a client key must be at least 16 characters long");
            }
            return SHA256.HashData(Encoding.UTF8.GetBytes(plain));
        }
        string hex = hash!.String();
        try
        {
            byte[] bytes = Convert.FromHexString(hex);
            return bytes.Length == 32 ? bytes : throw hash.Error("expected 64 hex digits (a SHA-256)");
        }
        catch (FormatException)
        {
            throw hash.Error("expected 64 hex digits (a SHA-256)");
        }
    }
}
