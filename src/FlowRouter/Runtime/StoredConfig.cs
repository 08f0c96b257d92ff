using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Storage.Secrets;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Runtime;

/// <summary>
/// The config entries made through the admin API or the CLI, as read back from the store: providers (credentials
/// decrypted), combos, client keys and settings.
/// </summary>
internal sealed record StoredConfig(
    IReadOnlyList<ProviderConfig> Providers,
    IReadOnlyList<ComboConfig> Combos,
    IReadOnlyList<ClientKeyConfig> Keys,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The fields of a provider entry that hold credentials: sealed in the store, never in doc_json.</summary>
    public static readonly string[] SecretFields = ["api_keys", "api_key", "headers"];

    public static StoredConfig Load(SqliteStore store, SecretBox secrets) => new(
        store.ListProviders().Select(row => ReadProvider(row, secrets)).ToArray(),
        store.ListCombos().Select(row => ConfigDocuments.ReadCombo(row.DocJson, $"stored combo '{row.Name}'")).ToArray(),
        store.ListClientKeys().Select(ReadKey).ToArray(),
        store.AllSettings());

    /// <summary>
    /// A stored provider. When its credentials do not decrypt (another master key, a damaged value) it is kept, disabled,
    /// with the reason as its <see cref="ProviderConfig.Problem"/>: the error is shown, the stored bytes are never used.
    /// </summary>
    public static ProviderConfig ReadProvider(StoredProvider row, SecretBox secrets)
    {
        var provider = ConfigDocuments.ReadProvider(row.DocJson, $"stored provider '{row.Id}'");
        try
        {
            using var sealedJson = JsonDocument.Parse(secrets.Unprotect(row.SealedSecrets, SecretContext(row.Id)));
            var root = sealedJson.RootElement;
            return provider with
            {
                ApiKeys = root.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString() ?? "").ToArray(),
                Headers = root.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString() ?? ""),
            };
        }
        catch (SecretException ex)
        {
            return provider with { Enabled = false, Problem = $"its stored credentials cannot be used: {ex.Message}" };
        }
    }

    /// <summary>The row for <paramref name="provider"/>: <paramref name="document"/> without credentials, and the credentials sealed.</summary>
    public static StoredProvider ProviderRow(ProviderConfig provider, JsonObject document, SecretBox secrets)
    {
        var doc = (JsonObject)document.DeepClone();
        foreach (string field in SecretFields)
        {
            doc.Remove(field);
        }
        return new StoredProvider(provider.Id, doc.ToJsonString(), secrets.Protect(CredentialsJson(provider), SecretContext(provider.Id)));
    }

    /// <summary>Binds the sealed value to its provider: credentials copied onto another provider's row fail to decrypt.</summary>
    public static string SecretContext(string providerId) => "provider:" + providerId;

    private static ClientKeyConfig ReadKey(StoredClientKey row) =>
        ConfigDocuments.ReadKey(row.DocJson, Convert.FromHexString(row.KeySha256Hex), $"stored key '{row.Name}'") with { CreatedAt = row.CreatedAt };

    private static string CredentialsJson(ProviderConfig provider)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("api_keys");
            foreach (string key in provider.ApiKeys)
            {
                json.WriteStringValue(key);
            }
            json.WriteEndArray();
            json.WriteStartObject("headers");
            foreach (var (name, value) in provider.Headers)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
