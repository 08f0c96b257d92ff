using System.Text.Json.Nodes;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;

namespace FlowRouter.Runtime.Editing;

/// <summary>
/// Providers: create, replace (PUT) or update (PATCH), delete. Credentials are write-only: left out of an update, they
/// are kept, unless the update moves the provider to another base_url or type (then they go unless given again).
/// </summary>
internal sealed partial class ConfigEditor
{
    public ProviderConfig CreateProvider(JsonObject body) => Edit(current =>
    {
        var provider = Read(() => ConfigDocuments.ReadProvider(body.ToJsonString()), "invalid_provider");
        if (current.Providers.FirstOrDefault(p => p.Id == provider.Id) is { } existing)
        {
            throw Taken($"Provider '{provider.Id}'", existing.Origin);
        }
        store.SaveProvider(StoredConfig.ProviderRow(provider, body, secrets), time.GetUtcNow());
        return provider;
    });

    public ProviderConfig UpdateProvider(string id, JsonObject body, bool merge) => Edit(current =>
    {
        var existing = StoredProviderOrThrow(current, id);
        var row = store.ListProviders().First(r => r.Id == id);
        var document = Overlay(Document(row.DocJson), body, merge);
        SameName(document, "id", id);
        var destination = Read(() => ConfigDocuments.ReadProvider(document.ToJsonString()), "invalid_provider");
        if (SameDestination(destination, existing))
        {
            KeepCredentials(document, existing);
        }
        var provider = Read(() => ConfigDocuments.ReadProvider(document.ToJsonString()), "invalid_provider");
        store.SaveProvider(StoredConfig.ProviderRow(provider, document, secrets), time.GetUtcNow());
        return provider;
    });

    public void DeleteProvider(string id) => Edit(current =>
    {
        StoredProviderOrThrow(current, id);
        var users = current.Combos.Where(c => c.Targets.Any(t => t.StartsWith(id + "/", StringComparison.Ordinal))).Select(c => $"combo '{c.Name}'").ToArray();
        if (users.Length > 0)
        {
            throw ConfigEditException.InUse($"Provider '{id}'", users);
        }
        store.DeleteProvider(id);
        return true;
    });

    private ProviderConfig StoredProviderOrThrow(FlowRouterConfig current, string id)
    {
        var existing = current.Providers.FirstOrDefault(p => p.Id == id) ?? throw ConfigEditException.NotFound($"provider '{id}'");
        return existing.Origin == ConfigOrigins.Store ? existing : throw ConfigEditException.ReadOnly($"Provider '{id}'", existing.Origin, file.SourcePath);
    }

    /// <summary>
    /// Whether stored credentials may follow an update: only while the provider still sends them to the same place.
    /// Keys and headers are write-only, so an update that moves base_url or changes the type (and with it how the key
    /// is sent) without giving them again would otherwise hand the stored key to a server the caller picked.
    /// </summary>
    private static bool SameDestination(ProviderConfig updated, ProviderConfig existing) =>
        updated.Type == existing.Type && string.Equals(updated.BaseUrl, existing.BaseUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>An update that does not mention the keys or headers keeps the stored ones (clients only ever see them masked).</summary>
    private static void KeepCredentials(JsonObject document, ProviderConfig existing)
    {
        if (!document.ContainsKey("api_keys") && !document.ContainsKey("api_key"))
        {
            if (existing.Problem is not null)
            {
                throw ConfigEditException.Invalid("credentials_unreadable", $"Provider '{existing.Id}': {existing.Problem}. Send api_keys with the update to replace them.");
            }
            document["api_keys"] = new JsonArray(existing.ApiKeys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        }
        if (!document.ContainsKey("headers") && existing.Headers.Count > 0)
        {
            var headers = new JsonObject();
            foreach (var (name, value) in existing.Headers)
            {
                headers[name] = value;
            }
            document["headers"] = headers;
        }
    }
}
