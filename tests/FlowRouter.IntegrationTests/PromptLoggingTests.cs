using System.Net;
using System.Text;
using FlowRouter.TestKit;
using Microsoft.Data.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>An upstream that quotes the prompt in its error: the client sees it, the log and the request log do not.</summary>
public sealed class PromptLoggingTests
{
    private const string Prompt = "Confidential merger plan: acquire Northwind by March";

    [Fact]
    public async Task UpstreamErrorQuotingThePrompt_ReachesTheClientButNeitherLogNorRequestLog()
    {
        await using var harness = await RouterHarness.StartAsync(secondUpstream: true, yaml: """
            providers:
              - { id: fake, type: openai, base_url: "{upstream}", api_key: sk-a-00000000000000000000, models: [gpt-4o-mini] }
              - { id: spare, type: openai, base_url: "{upstream2}", api_key: sk-b-00000000000000000000, models: [gpt-4o-mini] }
            """);
        harness.Upstream.DefaultResponse = FakeResponse.Json(400,
            $$$"""{"error":{"message":"Invalid 'messages[0].content': the text '{{{Prompt}}}' was flagged by the safety system.","type":"invalid_request_error","code":"content_policy_violation"}}""");
        harness.Upstream2!.DefaultResponse = FakeResponse.Json(503, $$$"""{"error":{"message":"overloaded while reading '{{{Prompt}}}'","type":"server_error"}}""");
        using var http = harness.Http();

        using var direct = await http.PostAsync("v1/chat/completions", new StringContent(
            $$"""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"{{Prompt}}"}]}""", Encoding.UTF8, "application/json"));
        using var anthropic = await http.PostAsync("v1/messages", new StringContent(
            $$"""{"model":"spare/gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":"{{Prompt}}"}]}""", Encoding.UTF8, "application/json"));
        await harness.Server.Gateway.RequestLog.FlushAsync();

        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.Contains(Prompt, await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the client's own words, to the client
        Assert.False(anthropic.IsSuccessStatusCode);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("merger", StringComparison.Ordinal));
        using var connection = new SqliteConnection($"Data Source={harness.Server.Gateway.Store.Path}");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT coalesce(error, '') || coalesce(attempts_json, '') FROM request_log";
        using var reader = select.ExecuteReader();
        int rows = 0;
        while (reader.Read())
        {
            rows++;
            string logged = reader.GetString(0);
            Assert.DoesNotContain("merger", logged, StringComparison.Ordinal);
            Assert.True(logged.Contains("flagged", StringComparison.Ordinal) || logged.Contains("overloaded", StringComparison.Ordinal), logged); // the rest stays
        }
        Assert.Equal(2, rows);
    }

    [Fact]
    public async Task FailedFirstAttemptQuotingThePrompt_ThenASuccess_AttemptLogKeepsNoPrompt()
    {
        await using var harness = await RouterHarness.StartAsync(secondUpstream: true, yaml: """
            providers:
              - { id: fake, type: openai, base_url: "{upstream}", api_key: sk-a-00000000000000000000, models: [gpt-4o-mini] }
              - { id: spare, type: openai, base_url: "{upstream2}", api_key: sk-b-00000000000000000000, models: [gpt-4o-mini] }
            combos:
              - { name: both, strategy: priority, targets: [fake/gpt-4o-mini, spare/gpt-4o-mini] }
            """);
        harness.Upstream.DefaultResponse = FakeResponse.Json(503, $$$"""{"error":{"message":"overloaded while reading '{{{Prompt}}}'","type":"server_error"}}""");
        using var http = harness.Http();

        using var answer = await http.PostAsync("v1/chat/completions", new StringContent(
            $$"""{"model":"both","messages":[{"role":"user","content":"{{Prompt}}"}]}""", Encoding.UTF8, "application/json"));
        await harness.Server.Gateway.RequestLog.FlushAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var row = Assert.Single(harness.Server.Gateway.RequestLog.Recent(10));
        Assert.Contains("overloaded", row.AttemptsJson, StringComparison.Ordinal);
        Assert.DoesNotContain("merger", row.AttemptsJson, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("merger", StringComparison.Ordinal));
    }
}
