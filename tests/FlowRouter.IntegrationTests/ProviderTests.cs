using System.Net;
using System.Text.Json;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using FlowRouter.TestKit;
using Microsoft.Extensions.Logging;

namespace FlowRouter.IntegrationTests;

/// <summary>Provider behaviour: key rotation and model discovery with its cache.</summary>
public sealed class ProviderTests
{
    [Fact]
    public async Task ApiKeys_SeveralKeys_RequestsTakeThemInTurn()
    {
        await using var harness = await RouterHarness.StartAsync("""
            providers:
              - id: fake
                type: openai
                base_url: {upstream}
                api_keys: [sk-first-key-0000000000, sk-second-key-000000000]
            """);
        using var http = harness.Http();
        for (int i = 0; i < 4; i++)
        {
            using var response = await RoutingTests.Post(http, "fake/gpt-4o-mini");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var keys = harness.Upstream.Received.Select(r => r.Headers["authorization"]).ToArray();
        Assert.Equal(["Bearer sk-first-key-0000000000", "Bearer sk-second-key-000000000", "Bearer sk-first-key-0000000000", "Bearer sk-second-key-000000000"], keys);
    }

    [Fact]
    public async Task ModelDiscovery_ProviderWithoutModelList_ListsItsModelsAndCachesThem()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Models = ["discovered-model", "another-model"];
        string yaml = $"providers:\n  - id: auto\n    type: openai\n    base_url: {upstream.BaseUrl}\n    api_key: sk-discovery-key-000000000\n";
        var config = ConfigLoader.Parse(yaml, "test.yaml", _ => null);
        config = config with { Server = config.Server with { Port = 0 } };
        string dataDir = Path.Combine(Path.GetTempPath(), "flowrouter-tests", Guid.NewGuid().ToString("N"));
        var settings = new ServerSettings(config, dataDir, LogLevel.Warning);
        var hooks = new ServerHooks { ConsoleLogging = false, DiscoverModels = true };

        await using (var server = await FlowRouterServer.StartAsync(settings, hooks))
        {
            using var http = new HttpClient { BaseAddress = server.Address };
            Assert.Contains("auto/discovered-model", await WaitForModels(http, "auto/discovered-model"));
            using var bare = await RoutingTests.Post(http, "discovered-model");
            Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
            Assert.Equal("auto/discovered-model", bare.Headers.GetValues("x-flowrouter-target").Single());
        }

        // A restart answers from the cache before (and without) asking the provider again.
        upstream.Models = [];
        await using (var restarted = await FlowRouterServer.StartAsync(settings, hooks with { DiscoverModels = false }))
        {
            using var http = new HttpClient { BaseAddress = restarted.Address };
            Assert.Contains("auto/another-model", await http.GetStringAsync("v1/models"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ModelDiscovery_AnthropicProvider_ListsFromV1ModelsWithItsKeyHeader()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Models = ["claude-sonnet-4-5-20250929"];
        string yaml = $"providers:\n  - id: claude\n    type: anthropic\n    base_url: {upstream.RootUrl}\n    api_key: sk-ant-discovery-0000000000\n";
        var config = ConfigLoader.Parse(yaml, "test.yaml", _ => null);
        config = config with { Server = config.Server with { Port = 0 } };
        string dataDir = Path.Combine(Path.GetTempPath(), "flowrouter-tests", Guid.NewGuid().ToString("N"));
        await using var server = await FlowRouterServer.StartAsync(new ServerSettings(config, dataDir, LogLevel.Warning), new ServerHooks { ConsoleLogging = false });
        using var http = new HttpClient { BaseAddress = server.Address };
        Assert.Contains("claude/claude-sonnet-4-5-20250929", await WaitForModels(http, "claude/claude-sonnet-4-5-20250929"));
    }

    private static async Task<HashSet<string>> WaitForModels(HttpClient http, string expected)
    {
        for (int i = 0; i < 200; i++)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync("v1/models"));
            var ids = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToHashSet();
            if (ids.Contains(expected))
            {
                return ids;
            }
            await Task.Delay(25);
        }
        return [];
    }
}
