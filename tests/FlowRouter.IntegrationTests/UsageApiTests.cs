using System.Net;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>The admin API's usage aggregates (sums and percentiles per group) and the paged, filterable request log.</summary>
public sealed class UsageApiTests
{
    private const string Config = """
        providers:
          - { id: alpha, type: openai, base_url: "{upstream}", api_key: sk-alpha-000000000000000, models: [m] }
          - { id: beta, type: openai, base_url: "{upstream2}", api_key: sk-beta-0000000000000000, models: [m] }
        combos:
          - { name: duo, targets: [alpha/m, beta/m] }
        """;

    [Fact]
    public async Task Usage_ByProviderAndDay_AndTheRequestLogPagedAndFiltered()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(503, """{"error":{"message":"down"}}"""));
        using var http = harness.Http();
        for (int i = 0; i < 4; i++)
        {
            using var response = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json("""{"model":"duo","messages":[{"role":"user","content":"hi"}]}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        for (int i = 0; i < 200 && harness.Server.Gateway.RequestLog.Written < 4; i++)
        {
            await harness.Server.Gateway.RequestLog.FlushAsync();
            await Task.Delay(10);
        }

        using var byProvider = JsonDocument.Parse(await http.GetStringAsync("api/usage?since=1h&by=provider"));
        var groups = byProvider.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        // alpha failed the first request and then rested, so beta answered all four.
        Assert.False(groups.ContainsKey("alpha"));
        Assert.Equal(4, groups["beta"].GetProperty("requests").GetInt64());
        Assert.Equal(44, groups["beta"].GetProperty("input_tokens").GetInt64());
        Assert.True(groups["beta"].GetProperty("latency_p50_ms").GetDouble() > 0);
        Assert.True(groups["beta"].GetProperty("latency_p95_ms").GetDouble() >= groups["beta"].GetProperty("latency_p50_ms").GetDouble());

        using var byDay = JsonDocument.Parse(await http.GetStringAsync("api/usage?by=day"));
        var today = Assert.Single(byDay.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.GetProperty("group").GetString());
        Assert.Equal(4, today.GetProperty("requests").GetInt64());

        using var total = JsonDocument.Parse(await http.GetStringAsync("api/usage?since=1h&by=total"));
        var all = Assert.Single(total.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal("total", all.GetProperty("group").GetString());
        Assert.Equal(4, all.GetProperty("requests").GetInt64());
        Assert.True(all.GetProperty("latency_p95_ms").GetDouble() >= all.GetProperty("latency_p50_ms").GetDouble());

        using var page = JsonDocument.Parse(await http.GetStringAsync("api/requests?limit=3"));
        Assert.Equal(3, page.RootElement.GetProperty("requests").GetArrayLength());
        string next = page.RootElement.GetProperty("next_before").GetString()!;
        using var rest = JsonDocument.Parse(await http.GetStringAsync("api/requests?limit=3&before=" + Uri.EscapeDataString(next)));
        var last = Assert.Single(rest.RootElement.GetProperty("requests").EnumerateArray());
        Assert.Equal("beta", last.GetProperty("provider").GetString());
        Assert.Equal("server-error", last.GetProperty("attempt_log")[0].GetProperty("rule").GetString());

        using var filtered = JsonDocument.Parse(await http.GetStringAsync("api/requests?provider=alpha"));
        Assert.Empty(filtered.RootElement.GetProperty("requests").EnumerateArray());

        using var bad = await http.GetAsync("api/usage?since=forever");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (string query in new[] { "limit=0", "limit=lots", "before=yesterday-ish", "status=ok" })
        {
            using var badPage = await http.GetAsync("api/requests?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
            Assert.Contains("Bad query parameter", await badPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HealthAndOpenApi_DescribeTheAdminApi()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        using var http = harness.Http();
        using var health = JsonDocument.Parse(await http.GetStringAsync("api/health"));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(["alpha", "beta"], health.RootElement.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));

        using var openApi = JsonDocument.Parse(await http.GetStringAsync("api/openapi.json"));
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("3.1.0", openApi.RootElement.GetProperty("openapi").GetString());
        foreach (string path in new[] { "/api/health", "/api/quota", "/api/usage", "/api/requests", "/metrics" })
        {
            Assert.Contains(path, paths);
            using var response = await http.GetAsync(path.TrimStart('/'));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // every documented path exists
        }
    }
}
