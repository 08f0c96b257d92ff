using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FlowRouter.Configuration;

/// <summary>
/// A YAML node with the file and the path that lead to it, so every complaint names where the problem is
/// ("config.yaml:7:11: providers[0].type: …"). Reads scalars with ${VAR} expansion and rejects unknown keys.
/// </summary>
/// <param name="environment">Looks up ${VAR} values; null: values are taken literally (admin API documents).</param>
internal sealed class ConfigNode(YamlNode node, string file, string path, Func<string, string?>? environment)
{
    public YamlNode Node => node;
    public string Path => path;

    /// <summary>The config file this node came from (relative paths inside it are relative to its folder).</summary>
    public string File => file;

    public ConfigException Error(string problem) =>
        new($"{file}:{node.Start.Line}:{node.Start.Column}: {(path.Length == 0 ? "(top level)" : path)}: {problem}");

    /// <summary>The mapping's entries; any key outside <paramref name="allowed"/> is an error (it is usually a typo).</summary>
    public IReadOnlyDictionary<string, ConfigNode> Mapping(params string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error($"expected a mapping with keys {string.Join(", ", allowed)}");
        }
        var entries = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = ((keyNode as YamlScalarNode)?.Value) ?? "";
            var child = new ConfigNode(valueNode, file, path.Length == 0 ? key : path + "." + key, environment);
            if (allowed.Length > 0 && Array.IndexOf(allowed, key) < 0)
            {
                throw new ConfigNode(keyNode, file, child.Path, environment).Error($"unknown key (expected one of: {string.Join(", ", allowed)})");
            }
            if (!entries.TryAdd(key, child))
            {
                throw child.Error("duplicate key");
            }
        }
        return entries;
    }

    /// <summary>A mapping with free-form keys (e.g. headers).</summary>
    public IReadOnlyDictionary<string, ConfigNode> FreeMapping() => Mapping();

    public IReadOnlyList<ConfigNode> Sequence()
    {
        if (node is YamlScalarNode { Value: null or "" or "~" or "null" } scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            throw Error("expected a list");
        }
        return sequence.Children.Select((child, i) => new ConfigNode(child, file, $"{path}[{i}]", environment)).ToArray();
    }

    public bool IsNull => node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public string String()
    {
        if (node is not YamlScalarNode scalar || IsNull)
        {
            throw Error("expected a text value");
        }
        return environment is null ? scalar.Value ?? "" : EnvironmentExpander.Expand(scalar.Value ?? "", environment, Error);
    }

    public int Int(int min, int max)
    {
        string text = Scalar("a whole number");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw Error($"expected a whole number from {min} to {max}, got '{text}'");
        }
        return value;
    }

    public double Number(double min, double max)
    {
        string text = Scalar("a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < min || value > max)
        {
            throw Error($"expected a number from {min} to {max}, got '{text}'");
        }
        return value;
    }

    public bool Bool()
    {
        string text = Scalar("true or false");
        return text switch
        {
            "true" or "True" or "TRUE" or "yes" or "on" => true,
            "false" or "False" or "FALSE" or "no" or "off" => false,
            _ => throw Error($"expected true or false, got '{text}'"),
        };
    }

    /// <summary>A list of texts; a single text is accepted as a list of one.</summary>
    public IReadOnlyList<string> StringList() =>
        node is YamlScalarNode && !IsNull ? [String()] : Sequence().Select(item => item.String()).ToArray();

    private string Scalar(string expected)
    {
        if (node is not YamlScalarNode scalar || IsNull)
        {
            throw Error($"expected {expected}");
        }
        return environment is null ? scalar.Value ?? "" : EnvironmentExpander.Expand(scalar.Value ?? "", environment, Error);
    }
}
