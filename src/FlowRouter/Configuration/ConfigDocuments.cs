using System.Text.RegularExpressions;
using FlowRouter.Core.Config;

namespace FlowRouter.Configuration;

/// <summary>
/// Config entries written as JSON documents — admin API bodies and the entries kept in the store — read with the very
/// same rules (and the same error messages) as the config file's sections. ${VAR} is not expanded in them: an API
/// caller must not be able to read the server's environment into a provider's URL or headers.
/// </summary>
internal static partial class ConfigDocuments
{
    public const string RequestBody = "request body";

    /// <summary>The document as a config node; anything but a JSON object is a <see cref="ConfigException"/>.</summary>
    public static ConfigNode Parse(string json, string source = RequestBody)
    {
        var root = ConfigLoader.ParseDocument(json, source) ?? throw new ConfigException($"{source}: expected a JSON object");
        var node = new ConfigNode(root, source, "", environment: null);
        return node.Node is YamlDotNet.RepresentationModel.YamlMappingNode ? node : throw node.Error("expected a JSON object");
    }

    public static ProviderConfig ReadProvider(string json, string source = RequestBody) =>
        ProvidersSection.ReadEntry(Parse(json, source)) with { Origin = ConfigOrigins.Store };

    public static ComboConfig ReadCombo(string json, string source = RequestBody) =>
        CombosSection.ReadEntry(Parse(json, source)) with { Origin = ConfigOrigins.Store };

    /// <summary>A client key's name and limits; the key itself is never in the document (only its hash is known).</summary>
    public static ClientKeyConfig ReadKey(string json, byte[] sha256, string source = RequestBody)
    {
        var item = Parse(json, source);
        var fields = item.Mapping(ConfigLoader.KeyLimitFields);
        string name = fields.TryGetValue("name", out var nameNode) ? nameNode.String() : throw item.Error("name is required");
        if (!KeyNamePattern().IsMatch(name))
        {
            throw nameNode.Error($"'{name}' is not a valid key name: up to 64 letters, digits, '.', '_', '@' and '-'");
        }
        return KeyLimitsSection.Read(new ClientKeyConfig(name, sha256), fields) with { Origin = ConfigOrigins.Store };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex KeyNamePattern();
}
