using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The admin API's write side through the real server: providers, combos, client keys and settings made through the
/// API take effect at once (no restart), survive a restart, keep credentials encrypted, and never touch the config
/// file's entries.
/// </summary>
public sealed class AdminConfigEditTests
{
    private const string ApiProviderKey = "sk-made-through-the-api-0451-secret";

    private static string ProviderBody(string id, string baseUrl, string key = ApiProviderKey) =>
        $$"""{"id":"{{id}}","type":"openai","base_url":"{{baseUrl}}","api_keys":["{{key}}"],"models":["api-model"]}""";

    [Fact]
    public async Task ProviderMadeThroughTheApi_ServesAtOnce_MaskedInAnswers_AndEncryptedInTheStore()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var created = await SendAsync(http, HttpMethod.Post, "api/providers", ProviderBody("made", harness.Upstream.BaseUrl), HttpStatusCode.Created);
        var provider = created.GetProperty("provider");
        Assert.Equal("****cret", provider.GetProperty("keys")[0].GetString());
        Assert.False(provider.GetProperty("read_only").GetBoolean());
        Assert.Equal("api", provider.GetProperty("origin").GetString());

        var answer = await harness.Chat("made/api-model").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.False(string.IsNullOrEmpty(answer.Value.Content[0].Text));
        Assert.Equal("Bearer " + ApiProviderKey, harness.Upstream.LastRequest!.Headers["authorization"]);

        var listed = await SendAsync(http, HttpMethod.Get, "api/providers", null, HttpStatusCode.OK);
        Assert.Equal(["fake", "made"], listed.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
        Assert.True(listed.GetProperty("providers")[0].GetProperty("read_only").GetBoolean());

        byte[] database = await ReadDatabaseAsync(harness.DataDir);
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ApiProviderKey)));
        Assert.NotEqual(-1, database.AsSpan().IndexOf("\"base_url\""u8));
    }

    [Fact]
    public async Task ProviderUpdate_KeepsItsKeysUnlessGiven_PatchMerges_AndDisableStopsRouting()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        await SendAsync(http, HttpMethod.Post, "api/providers", ProviderBody("made", harness.Upstream.BaseUrl), HttpStatusCode.Created);

        var put = await SendAsync(http, HttpMethod.Put, "api/providers/made",
            $$"""{"type":"openai","base_url":"{{harness.Upstream.BaseUrl}}","models":["api-model","second"]}""", HttpStatusCode.OK);
        Assert.Equal("****cret", put.GetProperty("provider").GetProperty("keys")[0].GetString());
        Assert.Equal(2, put.GetProperty("provider").GetProperty("models").GetArrayLength());

        await harness.Chat("made/second").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal("Bearer " + ApiProviderKey, harness.Upstream.LastRequest!.Headers["authorization"]);

        var patched = await SendAsync(http, HttpMethod.Patch, "api/providers/made", """{"api_keys":["sk-replacement-key-7777"]}""", HttpStatusCode.OK);
        Assert.Equal("****7777", patched.GetProperty("provider").GetProperty("keys")[0].GetString());
        Assert.Equal(2, patched.GetProperty("provider").GetProperty("models").GetArrayLength());
        await harness.Chat("made/second").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal("Bearer sk-replacement-key-7777", harness.Upstream.LastRequest!.Headers["authorization"]);

        await SendAsync(http, HttpMethod.Patch, "api/providers/made", """{"enabled":false}""", HttpStatusCode.OK);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("made/second").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.InRange(refused.Status, 400, 503);

        var renamed = await ErrorAsync(http, HttpMethod.Patch, "api/providers/made", """{"id":"other"}""", HttpStatusCode.BadRequest);
        Assert.Equal("name_mismatch", renamed.Code);
        var bad = await ErrorAsync(http, HttpMethod.Patch, "api/providers/made", """{"base_url":"ftp://x"}""", HttpStatusCode.BadRequest);
        Assert.Equal("invalid_provider", bad.Code);
        Assert.Contains("base_url", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigFileEntries_AreReadOnly_AndBadDocumentsAreA400NamingTheField()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("""
            combos:
              - { name: filecombo, targets: [fake/gpt-4o-mini] }
            keys:
              - { name: filekey, key: flr_file_key_0000000000000000 }
            """));
        using var http = harness.Http();
        var admin = (HttpMethod method, string path, string? body, HttpStatusCode status) => ErrorAsync(http, method, path, body, status);

        Assert.Equal("read_only", (await admin(HttpMethod.Put, "api/providers/fake", """{"type":"openai","base_url":"http://127.0.0.1:9/v1"}""", HttpStatusCode.Conflict)).Code);
        Assert.Equal("read_only", (await admin(HttpMethod.Delete, "api/providers/fake", null, HttpStatusCode.Conflict)).Code);
        Assert.Equal("read_only", (await admin(HttpMethod.Post, "api/providers", ProviderBody("fake", harness.Upstream.BaseUrl), HttpStatusCode.Conflict)).Code);
        Assert.Equal("read_only", (await admin(HttpMethod.Delete, "api/combos/filecombo", null, HttpStatusCode.Conflict)).Code);
        Assert.Equal("read_only", (await admin(HttpMethod.Post, "api/keys/filekey/revoke", null, HttpStatusCode.Conflict)).Code);
        Assert.Equal("not_found", (await admin(HttpMethod.Delete, "api/providers/nope", null, HttpStatusCode.NotFound)).Code);

        var unknownField = await admin(HttpMethod.Post, "api/providers", """{"id":"x","type":"openai","base_url":"http://127.0.0.1:9/v1","colour":"red"}""", HttpStatusCode.BadRequest);
        Assert.Contains("colour", unknownField.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_json", (await admin(HttpMethod.Post, "api/providers", "{not json", HttpStatusCode.BadRequest)).Code);
        await admin(HttpMethod.Post, "api/providers", "[1,2]", HttpStatusCode.BadRequest);
        // ${VAR} is not expanded in API documents: a caller cannot read the server's environment into an entry.
        var literal = await SendAsync(http, HttpMethod.Post, "api/providers", """{"id":"env","type":"openai","base_url":"http://127.0.0.1:9/${HOME}"}""", HttpStatusCode.Created);
        Assert.Equal("http://127.0.0.1:9/${HOME}", literal.GetProperty("provider").GetProperty("base_url").GetString());
    }

    [Fact]
    public async Task Combos_ValidatedForUnknownTargetsAndCycles_ServeAtOnce_AndGuardWhatTheyUse()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        await SendAsync(http, HttpMethod.Post, "api/providers", ProviderBody("made", harness.Upstream.BaseUrl), HttpStatusCode.Created);

        var unknown = await ErrorAsync(http, HttpMethod.Post, "api/combos", """{"name":"c1","targets":["ghost/m"]}""", HttpStatusCode.BadRequest);
        Assert.Equal("invalid_combo", unknown.Code);
        Assert.Contains("unknown provider 'ghost'", unknown.Message, StringComparison.Ordinal);

        var combo = await SendAsync(http, HttpMethod.Post, "api/combos",
            """{"name":"c1","strategy":"priority","targets":["made/api-model","fake/gpt-4o-mini"],"hedge_after_ms":900}""", HttpStatusCode.Created);
        Assert.Equal(900, combo.GetProperty("combo").GetProperty("hedge_after_ms").GetDouble());
        await SendAsync(http, HttpMethod.Post, "api/combos", """{"name":"c2","targets":["c1"]}""", HttpStatusCode.Created);
        var cycle = await ErrorAsync(http, HttpMethod.Patch, "api/combos/c1", """{"targets":["c2"]}""", HttpStatusCode.BadRequest);
        Assert.Contains("cycle", cycle.Message, StringComparison.Ordinal);

        await harness.Chat("c2").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal("Bearer " + ApiProviderKey, harness.Upstream.LastRequest!.Headers["authorization"]);

        Assert.Equal("in_use", (await ErrorAsync(http, HttpMethod.Delete, "api/providers/made", null, HttpStatusCode.Conflict)).Code);
        Assert.Equal("in_use", (await ErrorAsync(http, HttpMethod.Delete, "api/combos/c1", null, HttpStatusCode.Conflict)).Code);
        await SendAsync(http, HttpMethod.Delete, "api/combos/c2", null, HttpStatusCode.OK);
        await SendAsync(http, HttpMethod.Delete, "api/combos/c1", null, HttpStatusCode.OK);
        await SendAsync(http, HttpMethod.Delete, "api/providers/made", null, HttpStatusCode.OK);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("c2").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task ClientKeys_ShownOnce_Enforced_Limited_Revoked_AndOnlyTheHashIsStored()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var created = await SendAsync(http, HttpMethod.Post, "api/keys", """{"name":"ci-bot","allowed_models":["fake/*"]}""", HttpStatusCode.Created);
        string key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("flr_", key, StringComparison.Ordinal);
        Assert.Equal(47, key.Length);
        Assert.Equal("ci-bot", created.GetProperty("client_key").GetProperty("name").GetString());

        // A key now exists, so /v1 needs one: without it 401, with it the call is served.
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("fake/gpt-4o-mini", key: null).CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, missing.Status);
        await harness.Chat("fake/gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage("hi")]);
        var forbidden = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("other/model", key).CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(403, forbidden.Status);

        await SendAsync(http, HttpMethod.Patch, "api/keys/ci-bot", """{"rpm":1}""", HttpStatusCode.OK);
        await harness.Chat("fake/gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage("hi")]);
        var limited = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("fake/gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(429, limited.Status);

        var listed = await SendAsync(http, HttpMethod.Get, "api/keys", null, HttpStatusCode.OK);
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, listed.GetProperty("keys")[0].GetProperty("rpm").GetInt32());

        var revoked = await SendAsync(http, HttpMethod.Post, "api/keys/ci-bot/revoke", null, HttpStatusCode.OK);
        Assert.True(revoked.GetProperty("client_key").GetProperty("revoked").GetBoolean());
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("fake/gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, refused.Status);

        Assert.Equal("already_exists", (await ErrorAsync(http, HttpMethod.Post, "api/keys", """{"name":"ci-bot"}""", HttpStatusCode.Conflict)).Code);
        Assert.Equal("invalid_key", (await ErrorAsync(http, HttpMethod.Post, "api/keys", """{"name":"x","key":"flr_chosen_by_caller_00000"}""", HttpStatusCode.BadRequest)).Code);
        Assert.Equal("invalid_key", (await ErrorAsync(http, HttpMethod.Post, "api/keys", """{"name":"bad name/"}""", HttpStatusCode.BadRequest)).Code);

        byte[] database = await ReadDatabaseAsync(harness.DataDir);
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public async Task ApiEntriesSurviveARestart_AndAWrongMasterKeyIsReportedNotUsed()
    {
        string dataDir = RouterHarness.NewDataDir();
        try
        {
            string masterKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());
            string? key;
            await using (var first = await RouterHarness.StartAsync(dataDir: dataDir, environment: n => n == "FLOWROUTER_MASTER_KEY" ? masterKey : null))
            {
                using var http = first.Http();
                await SendAsync(http, HttpMethod.Post, "api/providers", ProviderBody("made", first.Upstream.BaseUrl), HttpStatusCode.Created);
                key = (await SendAsync(http, HttpMethod.Post, "api/keys", """{"name":"kept"}""", HttpStatusCode.Created)).GetProperty("key").GetString();
                await SendAsync(http, HttpMethod.Put, "api/settings", """{"max_body_mb":2}""", HttpStatusCode.OK);
            }

            await using (var second = await RouterHarness.StartAsync(dataDir: dataDir, environment: n => n == "FLOWROUTER_MASTER_KEY" ? masterKey : null))
            {
                // The provider's base URL points at the first run's upstream; the entry and its key are what matter here.
                using var http = second.Http();
                var provider = (await SendAsync(http, HttpMethod.Get, "api/providers/made", null, HttpStatusCode.OK)).GetProperty("provider");
                Assert.Equal("****cret", provider.GetProperty("keys")[0].GetString());
                Assert.False(provider.TryGetProperty("problem", out _));
                await second.Chat("fake/gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage("hi")]);
                var settings = await SendAsync(http, HttpMethod.Get, "api/settings", null, HttpStatusCode.OK);
                var maxBody = settings.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "max_body_mb");
                Assert.Equal((2, "api"), (maxBody.GetProperty("value").GetInt32(), maxBody.GetProperty("source").GetString()));
            }

            string otherKey = Convert.ToBase64String(new byte[32].Select(_ => (byte)7).ToArray());
            await using (var third = await RouterHarness.StartAsync(dataDir: dataDir, environment: n => n == "FLOWROUTER_MASTER_KEY" ? otherKey : null))
            {
                using var http = third.Http();
                var provider = (await SendAsync(http, HttpMethod.Get, "api/providers/made", null, HttpStatusCode.OK)).GetProperty("provider");
                Assert.Contains("could not be decrypted", provider.GetProperty("problem").GetString(), StringComparison.Ordinal);
                Assert.False(provider.GetProperty("enabled").GetBoolean());
                Assert.Contains(third.Logs.Lines, l => l.Contains("provider 'made' is disabled", StringComparison.Ordinal));
                var unreadable = await ErrorAsync(http, HttpMethod.Patch, "api/providers/made", """{"enabled":true}""", HttpStatusCode.BadRequest);
                Assert.Equal("credentials_unreadable", unreadable.Code);
                var fixedProvider = await SendAsync(http, HttpMethod.Patch, "api/providers/made",
                    $$"""{"enabled":true,"base_url":"{{third.Upstream.BaseUrl}}","api_keys":["sk-typed-again-1234"]}""", HttpStatusCode.OK);
                Assert.False(fixedProvider.GetProperty("provider").TryGetProperty("problem", out _));
                await third.Chat("made/api-model", key).CompleteChatAsync([new UserChatMessage("hi")]);
                Assert.Equal("Bearer sk-typed-again-1234", third.Upstream.LastRequest!.Headers["authorization"]);
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Settings_ApplyAtOnce_FileValuesAreReadOnly_BadValuesAre400_AndNullResets()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("""
            server:
              backup_keep: 3
            """));
        using var http = harness.Http();

        var settings = await SendAsync(http, HttpMethod.Get, "api/settings", null, HttpStatusCode.OK);
        var keep = settings.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "backup_keep");
        Assert.Equal((3, "config", true), (keep.GetProperty("value").GetInt32(), keep.GetProperty("source").GetString(), keep.GetProperty("read_only").GetBoolean()));
        Assert.Equal("read_only", (await ErrorAsync(http, HttpMethod.Put, "api/settings", """{"backup_keep":5}""", HttpStatusCode.Conflict)).Code);
        Assert.Equal("unknown_setting", (await ErrorAsync(http, HttpMethod.Put, "api/settings", """{"colour":5}""", HttpStatusCode.BadRequest)).Code);
        var bad = await ErrorAsync(http, HttpMethod.Put, "api/settings", """{"max_body_mb":5000}""", HttpStatusCode.BadRequest);
        Assert.Contains("1 to 1024", bad.Message, StringComparison.Ordinal);

        await SendAsync(http, HttpMethod.Put, "api/settings", """{"max_body_mb":1}""", HttpStatusCode.OK);
        string big = new('x', 1_200_000);
        using (var tooLarge = await http.PostAsync("v1/chat/completions", new StringContent($$"""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"{{big}}"}]}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }
        await SendAsync(http, HttpMethod.Put, "api/settings", """{"max_body_mb":null}""", HttpStatusCode.OK);
        using (var accepted = await http.PostAsync("v1/chat/completions", new StringContent($$"""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"{{big}}"}]}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var caveman = settings.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "caveman");
        Assert.Equal(["off", "lite", "full", "ultra"], caveman.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("invalid_setting", (await ErrorAsync(http, HttpMethod.Put, "api/settings", """{"caveman":"grunt"}""", HttpStatusCode.BadRequest)).Code);
        var saverOn = await SendAsync(http, HttpMethod.Patch, "api/settings", """{"caveman":"full","token_saver":true}""", HttpStatusCode.OK);
        Assert.Contains(saverOn.GetProperty("settings").EnumerateArray(), s => s.GetProperty("name").GetString() == "token_saver" && s.GetProperty("value").GetBoolean());
        Assert.Equal("full", harness.Server.Gateway.Config.Server.Caveman);

        await SendAsync(http, HttpMethod.Put, "api/settings", """{"require_key":true}""", HttpStatusCode.OK);
        var keyless = await Assert.ThrowsAsync<ClientResultException>(() => harness.Chat("fake/gpt-4o-mini", key: null).CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(401, keyless.Status);
    }

    internal static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null || method != HttpMethod.Get)
        {
            // The admin API takes changes only as JSON, even with no body (the dashboard does the same).
            request.Content = new StringContent(body ?? "", Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static async Task<(string Code, string Message)> ErrorAsync(HttpClient http, HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        var error = (await SendAsync(http, method, path, body, expected)).GetProperty("error");
        return (error.GetProperty("code").GetString() ?? "", error.GetProperty("message").GetString() ?? "");
    }

    private static async Task<byte[]> ReadDatabaseAsync(string dataDir)
    {
        // The WAL holds recent writes until a checkpoint: search both files, opened without taking them from the server.
        var bytes = new List<byte>();
        foreach (string name in new[] { "flowrouter.db", "flowrouter.db-wal" })
        {
            string path = Path.Combine(dataDir, name);
            if (File.Exists(path))
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy);
                bytes.AddRange(copy.ToArray());
            }
        }
        return [.. bytes];
    }
}
