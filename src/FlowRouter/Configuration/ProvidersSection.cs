using System.Text.RegularExpressions;
using FlowRouter.Core.Config;
using FlowRouter.Providers.Presets;

namespace FlowRouter.Configuration;

/// <summary>
/// The providers: section. An id that names a vendor preset may leave out type and base_url (the preset's are used).
/// </summary>
internal static partial class ProvidersSection
{
    public static IReadOnlyList<ProviderConfig> Read(ConfigNode section)
    {
        var providers = new List<ProviderConfig>();
        foreach (var item in section.Sequence())
        {
            var provider = ReadOne(item);
            if (providers.Exists(p => p.Id == provider.Id))
            {
                throw item.Error($"duplicate provider id '{provider.Id}'");
            }
            providers.Add(provider);
        }
        return providers;
    }

    /// <summary>One provider entry (an admin API document), validated on its own.</summary>
    public static ProviderConfig ReadEntry(ConfigNode item) => ReadOne(item);

    private static ProviderConfig ReadOne(ConfigNode item)
    {
        var fields = item.Mapping("id", "type", "base_url", "api_keys", "api_key", "models", "headers", "enabled", "timeouts", "auto_cache", "allow_private_image_urls");
        string id = fields.TryGetValue("id", out var idNode) ? idNode.String() : throw item.Error("id is required");
        if (!IdPattern().IsMatch(id))
        {
            throw idNode.Error($"'{id}' is not a valid id: use lowercase letters, digits and '-', starting with a letter or digit");
        }
        var preset = ProviderPresets.Find(id);
        return new ProviderConfig
        {
            Id = id,
            Type = ReadType(item, fields, preset),
            BaseUrl = ReadBaseUrl(item, fields, preset),
            ApiKeys = ReadKeys(item, fields),
            Models = fields.TryGetValue("models", out var models) && !models.IsNull ? ReadModels(models) : null,
            Headers = fields.TryGetValue("headers", out var headers) ? headers.FreeMapping().ToDictionary(h => h.Key, h => h.Value.String()) : new Dictionary<string, string>(),
            Enabled = !fields.TryGetValue("enabled", out var enabled) || enabled.Bool(),
            AutoCacheBreakpoints = fields.TryGetValue("auto_cache", out var autoCache) && autoCache.Bool(),
            AllowPrivateImageUrls = fields.TryGetValue("allow_private_image_urls", out var allowPrivate) && allowPrivate.Bool(),
            Timeouts = fields.TryGetValue("timeouts", out var timeouts) ? ServerSection.ReadTimeouts(timeouts, TimeoutSettings.Default) : null,
        };
    }

    private static ProviderType ReadType(ConfigNode item, IReadOnlyDictionary<string, ConfigNode> fields, ProviderPreset? preset)
    {
        if (!fields.TryGetValue("type", out var typeNode))
        {
            return preset?.Type ?? throw item.Error($"type is required ({ProviderTypes.Expected})");
        }
        string text = typeNode.String();
        return ProviderTypes.TryParse(text, out var type) ? type : throw typeNode.Error($"unknown type '{text}' (expected {ProviderTypes.Expected})");
    }

    private static string ReadBaseUrl(ConfigNode item, IReadOnlyDictionary<string, ConfigNode> fields, ProviderPreset? preset)
    {
        if (!fields.TryGetValue("base_url", out var urlNode))
        {
            return preset?.BaseUrl ?? throw item.Error("base_url is required (e.g. https://api.openai.com/v1)");
        }
        string url = urlNode.String().TrimEnd('/');
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Query.Length > 0)
        {
            throw urlNode.Error($"'{url}' is not an absolute http(s) URL without a query string");
        }
        return url;
    }

    private static string[] ReadKeys(ConfigNode item, IReadOnlyDictionary<string, ConfigNode> fields)
    {
        bool many = fields.TryGetValue("api_keys", out var keysNode);
        bool one = fields.TryGetValue("api_key", out var keyNode);
        if (many && one)
        {
            throw item.Error("give api_keys (a list) or api_key (one key), not both");
        }
        var keys = many ? keysNode!.StringList() : one ? keyNode!.StringList() : [];
        var node = many ? keysNode! : keyNode;
        foreach (string key in keys)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw node!.Error("an API key is empty");
            }
        }
        return keys.Select(k => k.Trim()).ToArray();
    }

    private static string[] ReadModels(ConfigNode node)
    {
        var models = node.StringList();
        foreach (string model in models)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw node.Error("a model name is empty");
            }
        }
        return models.Distinct(StringComparer.Ordinal).ToArray();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
