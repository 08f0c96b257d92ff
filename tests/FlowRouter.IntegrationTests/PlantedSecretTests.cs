using System.Text;
using FlowRouter.TestKit;
using Microsoft.Extensions.Logging;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// A known provider key and a known client key are planted; every path is exercised at debug log level (answers,
/// streams, translation, upstream errors that echo the key back, failover, rests, quota, metrics, model lists,
/// stored responses); then the database files, every log line and every API response are searched: zero hits.
/// The same for the admin login's secrets: the admin token, passwords (set through the API and the CLI, right and
/// wrong) and session ids.
/// </summary>
public sealed class PlantedSecretTests
{
    private const string ProviderKey = "sk-planted-provider-secret-7f3a9c2e";
    private const string ClientKey = "flr_planted_client_secret_5b8d1e4f";

    [Fact]
    public async Task PlantedKeys_NeverInTheStoreTheLogsOrAnyResponse()
    {
        string config = $$"""
            providers:
              - { id: leaky, type: openai, base_url: "{upstream}", api_keys: ["{{ProviderKey}}", "sk-second-key-0000000000000"], models: [m] }
              - { id: claude, type: anthropic, base_url: "{upstream2-root}", api_key: "{{ProviderKey}}" }
            combos:
              - { name: duo, targets: [leaky/m, claude/claude-sonnet-4-5] }
            keys:
              - { name: planted, key: {{ClientKey}} }
            """;
        await using var harness = await RouterHarness.StartAsync(config, secondUpstream: true, logLevel: LogLevel.Debug);
        // The upstream's error quotes the key it was sent, as some providers do.
        harness.Upstream.Enqueue(
            FakeResponse.Json(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{ProviderKey}}}","type":"invalid_request_error","code":"invalid_api_key"}}"""),
            FakeResponse.Json(500, $$$"""{"error":{"message":"upstream failed for key {{{ProviderKey}}}"}}"""));
        harness.Upstream2!.Responder = request => FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", request.BodyText.Contains("\"stream\":true", StringComparison.Ordinal) ? "stream-text" : "text-basic"));
        using var http = harness.Http();
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + ClientKey);
        var responses = new StringBuilder();

        async Task Send(HttpMethod method, string path, string? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = ChatCompletionsSdkTests.Json(body);
            }
            using var response = await http.SendAsync(request);
            responses.Append(response.Headers).Append(response.Content.Headers).Append(await response.Content.ReadAsStringAsync());
        }

        await Send(HttpMethod.Post, "v1/chat/completions", """{"model":"leaky/m","messages":[{"role":"user","content":"hi"}]}""");
        await Send(HttpMethod.Post, "v1/chat/completions", """{"model":"duo","messages":[{"role":"user","content":"hi"}]}""");
        await Send(HttpMethod.Post, "v1/chat/completions", """{"model":"duo","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        await Send(HttpMethod.Post, "v1/messages", """{"model":"claude/claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""");
        await Send(HttpMethod.Post, "v1/responses", """{"model":"duo","input":"hi"}""");
        await Send(HttpMethod.Post, "v1beta/models/duo:generateContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""");
        await Send(HttpMethod.Post, "v1/chat/completions", """{"model":"nope/x","messages":[]}""");
        await Send(HttpMethod.Get, "v1/models");
        await Send(HttpMethod.Get, "api/quota");
        await Send(HttpMethod.Get, "metrics");
        await Send(HttpMethod.Get, "ready");
        await harness.Server.Gateway.RequestLog.FlushAsync();

        Assert.DoesNotContain(ProviderKey, responses.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientKey, responses.ToString(), StringComparison.Ordinal);
        string logs = string.Join("\n", harness.Logs.Lines);
        Assert.Contains("request id=", logs, StringComparison.Ordinal); // the logs were captured at all
        Assert.DoesNotContain(ProviderKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientKey, logs, StringComparison.Ordinal);
        foreach (string file in Directory.EnumerateFiles(harness.DataDir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("server.lock", StringComparison.Ordinal)))
        {
            byte[] bytes = await ReadSharedAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ProviderKey)) < 0, $"provider key found in {file}");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ClientKey)) < 0, $"client key found in {file}");
        }
    }

    [Fact]
    public async Task KeysPlantedThroughTheAdminApi_NeverInTheStoreTheLogsOrAnyLaterResponse()
    {
        const string ApiProviderKey = "sk-planted-through-the-api-1c9e77d0";
        const string HeaderSecret = "hdr-planted-header-secret-4a2b";
        string dataDir = RouterHarness.NewDataDir();
        var responses = new StringBuilder();
        var logs = new StringBuilder();
        string? clientKey = null;
        try
        {
            for (int run = 0; run < 2; run++)
            {
                await using var harness = await RouterHarness.StartAsync(logLevel: LogLevel.Debug, dataDir: dataDir);
                harness.Upstream.Models = ["m"];
                using var http = harness.Http();

                async Task Send(HttpMethod method, string path, string? body = null)
                {
                    using var request = new HttpRequestMessage(method, path);
                    if (body is not null)
                    {
                        request.Content = ChatCompletionsSdkTests.Json(body);
                    }
                    if (clientKey is not null && path.StartsWith("v1", StringComparison.Ordinal))
                    {
                        request.Headers.Add("Authorization", "Bearer " + clientKey);
                    }
                    using var response = await http.SendAsync(request);
                    responses.Append(response.Headers).Append(response.Content.Headers).Append(await response.Content.ReadAsStringAsync());
                }

                if (run == 0)
                {
                    await Send(HttpMethod.Post, "api/providers", $$$"""{"id":"planted","type":"openai","base_url":"{{{harness.Upstream.BaseUrl}}}","api_keys":["{{{ApiProviderKey}}}"],"headers":{"x-org-secret":"{{{HeaderSecret}}}"}}""");
                    // The creation answer is the one place a new client key appears; it is read here and not searched.
                    using var created = await http.PostAsync("api/keys", ChatCompletionsSdkTests.Json("""{"name":"planted-client"}"""));
                    clientKey = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString();
                    await Send(HttpMethod.Patch, "api/providers/planted", """{"models":["m"]}""");
                    await Send(HttpMethod.Post, "api/combos", """{"name":"via","targets":["planted/m"]}""");
                }
                harness.Upstream.Enqueue(FakeResponse.Json(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{ApiProviderKey}}}","type":"invalid_request_error"}}"""));
                await Send(HttpMethod.Post, "v1/chat/completions", """{"model":"via","messages":[{"role":"user","content":"hi"}]}""");
                await Send(HttpMethod.Post, "v1/chat/completions", """{"model":"planted/m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
                harness.Upstream.Enqueue(FakeResponse.Json(401, $$$"""{"error":{"message":"bad key {{{ApiProviderKey}}}"}}"""));
                await Send(HttpMethod.Post, "api/providers/planted/test");
                foreach (string path in new[] { "api/providers", "api/providers/planted", "api/keys", "api/keys/planted-client", "api/combos", "api/settings", "api/usage", "api/requests", "api/health", "api/quota", "metrics" })
                {
                    await Send(HttpMethod.Get, path);
                }
                await harness.Server.Gateway.RequestLog.FlushAsync();
                logs.AppendJoin('\n', harness.Logs.Lines);
                Assert.Contains("planted", responses.ToString(), StringComparison.Ordinal); // the entries were made and listed
            }

            Assert.NotNull(clientKey);
            foreach (string secret in new[] { ApiProviderKey, HeaderSecret, clientKey! })
            {
                Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(secret, logs.ToString(), StringComparison.Ordinal);
                foreach (string file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("server.lock", StringComparison.Ordinal)))
                {
                    byte[] bytes = await ReadSharedAsync(file);
                    Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"a planted secret was found in {file}");
                }
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task PlantedAdminSecrets_PasswordTokenAndSessionIds_NeverInTheStoreTheLogsOrAnyResponse()
    {
        const string adminToken = "admin-planted-token-9c41e07a-5d2b";
        const string password = "planted-password-3e8f1a62";
        const string changed = "planted-password-changed-b7d04c19";
        const string viaCli = "planted-password-cli-0a9e2d71";
        await using var harness = await RouterHarness.StartAsync(
            RouterHarness.SingleProviderConfig($"server:\n  admin_token: {adminToken}\n"), logLevel: LogLevel.Debug);
        using var admin = new AdminHttp(harness.BaseUri);

        await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"new_password":"{{password}}"}""", bearer: adminToken);
        var (byPassword, csrf, _) = await admin.LoginAsync($$"""{"password":"{{password}}"}""");
        var (byToken, _, _) = await admin.LoginAsync($$"""{"token":"{{adminToken}}"}""");
        await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"password":"{{password}}-wrong"}""");
        await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"token":"{{adminToken}}-wrong"}""");
        await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"password":{{"{"}}"""); // broken JSON that starts like a password
        await admin.GetAsync("api/session", byPassword);
        await admin.GetAsync("api/usage", byToken);
        await admin.GetAsync("api/requests", byPassword);
        await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"current_password":"{{password}}-wrong","new_password":"{{changed}}"}""", byPassword, csrf);
        await admin.SendAsync(HttpMethod.Put, "api/settings/password", $$"""{"current_password":"{{password}}","new_password":"{{changed}}"}""", byPassword, csrf);
        await admin.SendAsync(HttpMethod.Post, "api/logout", session: byToken);
        using var cliOut = new StringWriter();
        using var cliErr = new StringWriter();
        await FlowRouter.Cli.CliApp.RunAsync(["admin", "password", "--data-dir", harness.DataDir], cliOut, cliErr, _ => null, new StringReader(viaCli + "\n"));
        await admin.SendAsync(HttpMethod.Post, "api/login", $$"""{"password":"{{viaCli}}"}""");
        await harness.Server.Gateway.RequestLog.FlushAsync();

        string[] secrets = [adminToken, password, changed, viaCli, byPassword, byToken];
        string responses = admin.Seen.ToString() + cliOut + cliErr;
        string logs = string.Join("\n", harness.Logs.Lines);
        Assert.Contains("admin login method=Password", logs, StringComparison.Ordinal); // the logs were captured at all
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, responses, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
        foreach (string file in Directory.EnumerateFiles(harness.DataDir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("server.lock", StringComparison.Ordinal)))
        {
            byte[] bytes = await ReadSharedAsync(file);
            foreach (string secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"a planted admin secret found in {file}");
            }
        }
        Assert.StartsWith("$argon2id$", harness.Server.Gateway.Store.GetSetting("admin_password_hash"), StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
