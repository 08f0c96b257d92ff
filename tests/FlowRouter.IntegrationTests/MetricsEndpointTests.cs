using System.Globalization;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>GET /metrics as Prometheus scrapes it, after real requests including a failover.</summary>
public sealed class MetricsEndpointTests
{
    private const string Failover = """
        providers:
          - id: alpha
            type: openai
            base_url: {upstream}
            api_key: sk-alpha-metrics-secret-0000000
            models: [alpha-model]
          - id: beta
            type: openai
            base_url: {upstream2}
            api_key: sk-beta-metrics-secret-00000000
            models: [beta-model]
        combos:
          - name: pair
            strategy: priority
            targets: [alpha/alpha-model, beta/beta-model]
        """;

    [Fact]
    public async Task Metrics_AfterRequestsAndAFailover_CountsRequestsTokensFallbacksErrorsAndBuckets()
    {
        await using var harness = await RouterHarness.StartAsync(Failover, secondUpstream: true);
        using var http = harness.Http();
        // Two answered by alpha, then one where alpha fails with 503 and beta answers.
        for (int i = 0; i < 2; i++)
        {
            using var ok = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json("""{"model":"alpha/alpha-model","messages":[{"role":"user","content":"hi"}]}"""));
            Assert.True(ok.IsSuccessStatusCode);
        }
        harness.Upstream.Enqueue(FakeResponse.Json(503, """{"error":{"message":"overloaded","type":"server_error"}}"""));
        using (var failover = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json("""{"model":"pair","messages":[{"role":"user","content":"hi"}]}""")))
        {
            Assert.True(failover.IsSuccessStatusCode);
            Assert.Equal("beta/beta-model", failover.Headers.GetValues("x-flowrouter-target").Single());
        }

        using var response = await http.GetAsync("metrics");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(2, Value(text, """flowrouter_requests_total{ingress="openai-chat",provider="alpha",model="alpha-model",status="200"}"""));
        Assert.Equal(1, Value(text, """flowrouter_requests_total{ingress="openai-chat",provider="beta",model="beta-model",status="200"}"""));
        Assert.Equal(1, Value(text, """flowrouter_fallbacks_total{ingress="openai-chat",provider="beta",model="beta-model"}"""));
        Assert.Equal(1, Value(text, """flowrouter_upstream_errors_total{provider="alpha",status="503"}"""));
        // The fake upstream's default answer is the text-basic fixture: 11 prompt and 9 completion tokens.
        Assert.Equal(22, Value(text, """flowrouter_tokens_total{provider="alpha",model="alpha-model",type="input"}"""));
        Assert.Equal(18, Value(text, """flowrouter_tokens_total{provider="alpha",model="alpha-model",type="output"}"""));
        Assert.Equal(2, Value(text, """flowrouter_request_duration_seconds_bucket{ingress="openai-chat",provider="alpha",model="alpha-model",le="+Inf"}"""));
        Assert.Equal(2, Value(text, """flowrouter_request_duration_seconds_count{ingress="openai-chat",provider="alpha",model="alpha-model"}"""));
        Assert.Equal(2, Value(text, """flowrouter_request_duration_seconds_bucket{ingress="openai-chat",provider="alpha",model="alpha-model",le="300"}"""));
        Assert.Equal(1, Value(text, """flowrouter_time_to_first_token_seconds_count{ingress="openai-chat",provider="beta",model="beta-model"}"""));
        Assert.Equal(0, Value(text, "flowrouter_usage_queue_dropped_total"));
        Assert.Contains("# TYPE flowrouter_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE flowrouter_cooldowns gauge", text, StringComparison.Ordinal);
        // alpha rests after its 503.
        Assert.True(Value(text, """flowrouter_cooldowns{provider="alpha"}""") >= 1);
        AssertBucketsCumulative(text, "flowrouter_request_duration_seconds_bucket{ingress=\"openai-chat\",provider=\"alpha\",model=\"alpha-model\",");
        Assert.DoesNotContain("sk-alpha-metrics-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(RouterHarness.ClientKey, text, StringComparison.Ordinal);
    }

    private static double Value(string exposition, string series)
    {
        foreach (string line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"series {series} not found in:\n{exposition}");
    }

    private static void AssertBucketsCumulative(string exposition, string prefix)
    {
        var counts = exposition.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).ToList();
        Assert.True(counts.Count > 2);
        for (int i = 1; i < counts.Count; i++)
        {
            Assert.True(counts[i] >= counts[i - 1], $"bucket {i} of {prefix} is smaller than the one before");
        }
    }
}
