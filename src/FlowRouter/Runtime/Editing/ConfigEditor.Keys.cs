using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Runtime.Editing;

/// <summary>
/// Client keys: a new key is 32 random bytes as "flr_" + base64url, returned once; only its SHA-256 is stored.
/// Limits are updated field by field; a revoked key stays listed so its usage stays attributed.
/// </summary>
internal sealed partial class ConfigEditor
{
    public const string KeyPrefix = "flr_";

    public (ClientKeyConfig Key, string Plaintext) CreateKey(JsonObject body) => Edit(current =>
    {
        string plaintext = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));
        var key = Read(() => ConfigDocuments.ReadKey(body.ToJsonString(), hash), "invalid_key");
        if (current.Keys.FirstOrDefault(k => k.Name == key.Name) is { } existing)
        {
            throw Taken($"Client key '{key.Name}'", existing.Origin);
        }
        var now = time.GetUtcNow();
        store.SaveClientKey(new StoredClientKey(key.Name, Convert.ToHexString(hash), body.ToJsonString(), now), now);
        return (key with { CreatedAt = now }, plaintext);
    });

    public ClientKeyConfig UpdateKey(string name, JsonObject body, bool merge) => Edit(current =>
    {
        var existing = StoredKeyOrThrow(current, name);
        var row = store.ListClientKeys().First(r => r.Name == name);
        var document = Overlay(Document(row.DocJson), body, merge);
        SameName(document, "name", name);
        var key = Read(() => ConfigDocuments.ReadKey(document.ToJsonString(), existing.Sha256), "invalid_key");
        store.SaveClientKey(row with { DocJson = document.ToJsonString() }, time.GetUtcNow());
        return key with { CreatedAt = row.CreatedAt };
    });

    public ClientKeyConfig RevokeKey(string name) => UpdateKey(name, new JsonObject { ["revoked"] = true }, merge: true);

    public void DeleteKey(string name) => Edit(current =>
    {
        StoredKeyOrThrow(current, name);
        store.DeleteClientKey(name);
        return true;
    });

    private ClientKeyConfig StoredKeyOrThrow(FlowRouterConfig current, string name)
    {
        var existing = current.Keys.FirstOrDefault(k => k.Name == name) ?? throw ConfigEditException.NotFound($"client key '{name}'");
        return existing.Origin == ConfigOrigins.Store ? existing : throw ConfigEditException.ReadOnly($"Client key '{name}'", existing.Origin, file.SourcePath);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
