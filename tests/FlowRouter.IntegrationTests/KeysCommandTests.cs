using System.ClientModel;
using System.Net;
using FlowRouter.Cli;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>`flowrouter keys create|list|revoke` against a data dir, alone and beside a running server.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync(args);

    private string FileConfig()
    {
        string path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, """
            keys:
              - { name: from-file, key: flr_file_key_for_cli_tests_000 }
            """);
        return path;
    }

    [Fact]
    public async Task CreateListRevoke_KeyPrintedOnceAlone_LimitsListed_FileKeysReadOnly()
    {
        string config = FileConfig();
        var (exit, output, error) = await Run("keys", "create", "ci", "--rpm", "30", "--daily-budget", "2.5", "--models", "fake/*,cheap", "--data-dir", _dir, "--config", config);
        Assert.Equal(0, exit);
        string key = output.Trim();
        Assert.Matches("^flr_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("only time the key is shown", error, StringComparison.Ordinal);

        var (listExit, list, _) = await Run("keys", "list", "--data-dir", _dir, "--config", config);
        Assert.Equal(0, listExit);
        Assert.Contains("from-file", list, StringComparison.Ordinal);
        Assert.Matches(@"ci\s+api\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+30 req/min; \$2\.5/day; models fake/\*,cheap", list);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.DoesNotContain("flr_file_key", list, StringComparison.Ordinal);

        Assert.Equal(0, (await Run("keys", "revoke", "ci", "--data-dir", _dir, "--config", config)).Exit);
        Assert.Matches(@"ci\s+api\s+revoked", (await Run("keys", "list", "--data-dir", _dir, "--config", config)).Out);

        var (fileExit, _, fileError) = await Run("keys", "revoke", "from-file", "--data-dir", _dir, "--config", config);
        Assert.Equal(1, fileExit);
        Assert.Contains("read-only", fileError, StringComparison.Ordinal);
        var (dupExit, _, dupError) = await Run("keys", "create", "ci", "--data-dir", _dir, "--config", config);
        Assert.Equal(1, dupExit);
        Assert.Contains("already exists", dupError, StringComparison.Ordinal);
        var (badExit, _, badError) = await Run("keys", "create", "no/slash", "--data-dir", _dir);
        Assert.Equal(2, badExit);
        Assert.Contains("not a valid key name", badError, StringComparison.Ordinal);
        Assert.Equal(1, (await Run("keys", "revoke", "nobody", "--data-dir", _dir)).Exit);
        Assert.Equal(2, (await Run("keys", "create", "x", "--rpm", "lots", "--data-dir", _dir)).Exit);
    }

    [Fact]
    public async Task KeyMadeByTheCli_IsPickedUpByARunningServer_AndSoIsItsRevocation()
    {
        await using var harness = await RouterHarness.StartAsync(dataDir: _dir);
        Assert.Equal(200, await StatusAsync(harness, null)); // no key exists yet: /v1 is open
        var (exit, output, _) = await Run("keys", "create", "from-cli", "--data-dir", _dir);
        Assert.Equal(0, exit);
        string key = output.Trim();

        // The server watches the store's config generation every 2 s; then a request without a valid key is refused
        // and the new key is served.
        await Eventually(async () => await StatusAsync(harness, null) == 401);
        Assert.Equal(200, await StatusAsync(harness, key));

        Assert.Equal(0, (await Run("keys", "revoke", "from-cli", "--data-dir", _dir)).Exit);
        await Eventually(async () => await StatusAsync(harness, key) == 401);
    }

    [Fact]
    public async Task ProvidersList_ShowsProvidersMadeThroughTheApi()
    {
        await using (var harness = await RouterHarness.StartAsync(dataDir: _dir))
        {
            using var http = harness.Http();
            await AdminConfigEditTests.SendAsync(http, HttpMethod.Post, "api/providers",
                """{"id":"via-api","type":"openai","base_url":"http://127.0.0.1:9/v1","api_key":"sk-listed-by-the-cli-4321"}""", HttpStatusCode.Created);
        }
        var (exit, output, _) = await Run("providers", "list", "--data-dir", _dir);
        Assert.Equal(0, exit);
        Assert.Contains("via-api", output, StringComparison.Ordinal);
        Assert.Contains("from api", output, StringComparison.Ordinal);
        Assert.Contains("****4321", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-listed-by-the-cli", output, StringComparison.Ordinal);
    }

    private static async Task<int> StatusAsync(RouterHarness harness, string? key)
    {
        try
        {
            await harness.Chat("fake/gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage("hi")]);
            return 200;
        }
        catch (ClientResultException ex)
        {
            return ex.Status;
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the running server did not pick the change up within 15 s");
            await Task.Delay(100);
        }
    }
}
