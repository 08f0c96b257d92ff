using System.Net;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>The admin API's read view of the configuration: masked keys, read-only marks, a real provider test, key limits.</summary>
public sealed class ConfigApiTests
{
    private const string ProviderKey = "sk-config-api-provider-secret-9876";

    private static readonly string Config = $$"""
        providers:
          - { id: fake, type: openai, base_url: "{upstream}", api_key: {{ProviderKey}} }
          - { id: dead, type: openai, base_url: "http://127.0.0.1:9/v1", api_key: {{ProviderKey}}, models: [m] }
        combos:
          - { name: mix, strategy: weighted, targets: [{model: fake/gpt-4o-mini, weight: 3}, dead/m], hedge_after_ms: 500 }
        keys:
          - { name: laptop, key: flr_config_api_client_key_000000, rpm: 60, daily_budget_usd: 5, allowed_models: ["fake/*"] }
        """;

    [Fact]
    public async Task ProvidersCombosKeys_ListedReadOnlyWithoutSecrets_AndAProviderTestMakesARealCall()
    {
        await using var harness = await RouterHarness.StartAsync(Config);
        harness.Upstream.Models = ["gpt-4o-mini", "gpt-4o"];
        using var http = harness.Http();
        var everything = new System.Text.StringBuilder();

        async Task<JsonElement> Get(string path, HttpMethod? method = null)
        {
            using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
            if (request.Method != HttpMethod.Get)
            {
                request.Content = new StringContent("", System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string body = await response.Content.ReadAsStringAsync();
            everything.Append(body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        var providers = (await Get("api/providers")).GetProperty("providers");
        Assert.Equal("****9876", providers[0].GetProperty("keys")[0].GetString());
        Assert.True(providers[0].GetProperty("read_only").GetBoolean());

        var ok = await Get("api/providers/fake/test", HttpMethod.Post);
        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.Equal(2, ok.GetProperty("model_count").GetInt32());
        var failed = await Get("api/providers/dead/test", HttpMethod.Post);
        Assert.False(failed.GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrEmpty(failed.GetProperty("error").GetString()));

        Assert.Equal(["m"], (await Get("api/providers/dead/models")).GetProperty("models").EnumerateArray().Select(m => m.GetString()!));
        var combo = (await Get("api/combos")).GetProperty("combos")[0];
        Assert.Equal(3, combo.GetProperty("targets")[0].GetProperty("weight").GetInt32());
        Assert.Equal(500, combo.GetProperty("hedge_after_ms").GetDouble());
        var key = (await Get("api/keys")).GetProperty("keys")[0];
        Assert.Equal(("laptop", 60), (key.GetProperty("name").GetString(), key.GetProperty("rpm").GetInt32()));
        Assert.Equal(0, key.GetProperty("spent_today_usd").GetDecimal());

        Assert.DoesNotContain(ProviderKey, everything.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("flr_config_api_client_key", everything.ToString(), StringComparison.Ordinal);
        using var unknown = await http.GetAsync("api/providers/nope/models");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
