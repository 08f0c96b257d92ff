using System.Net;
using FlowRouter.Providers.Catalog;
using FlowRouter.Storage;
using FlowRouter.TestKit;
using Xunit.Abstractions;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// 5,000 requests on 127.0.0.1 across three client keys (one with a binding requests-per-minute limit): the store's
/// request counts, tokens and costs equal what the fake upstream answered and reported, key by key.
/// </summary>
public sealed class UsageLoadTests(ITestOutputHelper output)
{
    private const int Requests = 5000;
    private static readonly string[] Keys = ["flr_load_key_alpha_000000000000", "flr_load_key_bravo_000000000000", "flr_load_key_charlie_0000000000"];

    [Fact]
    public async Task FiveThousandRequests_ThreeKeys_StoreMatchesWhatTheUpstreamReported()
    {
        string config = RouterHarness.SingleProviderConfig($$"""
            keys:
              - { name: alpha, key: {{Keys[0]}}, tpm: 100000000 }
              - { name: bravo, key: {{Keys[1]}}, daily_budget_usd: 1000 }
              - { name: charlie, key: {{Keys[2]}}, rpm: 1000 }
            """);
        await using var harness = await RouterHarness.StartAsync(config);
        using var http = harness.Http();
        var answered = new int[3];
        var limited = new int[3];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                int key = i % 3;
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                {
                    Content = ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"""),
                };
                request.Headers.Add("Authorization", "Bearer " + Keys[key]);
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref answered[key] : ref limited[key]);
            }
            finally
            {
                gate.Release();
            }
        }));

        await WaitForRowsAsync(harness, Requests);
        using var store = FlowRouter.Storage.Sqlite.SqliteStore.OpenExisting(harness.DataDir);
        var byKey = store.UsageSince(DateTimeOffset.UtcNow.AddHours(-1), FlowRouter.Storage.Sqlite.UsageGrouping.Key).ToDictionary(r => r.Group);
        decimal unitCost = ModelCatalog.EstimateCost("gpt-4o-mini", 11, 9)!.Value; // the fixture's usage: 11 in, 9 out
        string[] names = ["alpha", "bravo", "charlie"];
        for (int k = 0; k < 3; k++)
        {
            var row = byKey[names[k]];
            Assert.Equal(answered[k] + limited[k], row.Requests);
            Assert.Equal(limited[k], row.Errors);
            Assert.Equal(11L * answered[k], row.InputTokens);
            Assert.Equal(9L * answered[k], row.OutputTokens);
            Assert.Equal(unitCost * answered[k], row.CostUsd, precision: 8);
        }
        Assert.Equal(answered.Sum(), harness.Upstream.Received.Count);
        Assert.Equal(1000, answered[2]); // charlie's 1,000 requests a minute, the rest refused before the upstream
        Assert.Equal(0, limited[0] + limited[1]);
        output.WriteLine($"requests={Requests} answered={string.Join("/", answered)} limited={string.Join("/", limited)} upstream={harness.Upstream.Received.Count} unit cost=${unitCost}");
    }

    private static async Task WaitForRowsAsync(RouterHarness harness, int count)
    {
        for (int i = 0; i < 500; i++)
        {
            await harness.Server.Gateway.RequestLog.FlushAsync();
            if (harness.Server.Gateway.RequestLog.Written >= count)
            {
                return;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"only {harness.Server.Gateway.RequestLog.Written} of {count} rows were written");
    }
}
