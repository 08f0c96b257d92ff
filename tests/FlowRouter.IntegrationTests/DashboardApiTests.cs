using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>The admin API pieces the dashboard reads: the live feed, the request log by id and as CSV, backups, presets, models.</summary>
public sealed class DashboardApiTests
{
    [Fact]
    public async Task Live_StreamsEachFinishedRequestAsAnEvent()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        using var response = await http.GetAsync("api/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": flowrouter live", await reader.ReadLineAsync());

        var answer = await harness.Chat("fake/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? data = null;
        while (data is null)
        {
            string? line = await reader.ReadLineAsync(timeout.Token);
            if (line is not null && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }
        var row = JsonDocument.Parse(data).RootElement;
        Assert.Equal(200, row.GetProperty("status").GetInt32());
        Assert.Equal("fake", row.GetProperty("provider").GetString());
        Assert.Equal("openai-chat", row.GetProperty("ingress").GetString());
        Assert.True(row.GetProperty("output_tokens").GetInt64() > 0);
        Assert.Equal(1, harness.Server.Gateway.Feed.WatcherCount);
    }

    [Fact]
    public async Task Requests_ById_Since_AndAsCsv_WithFormulaCellsDefused()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        using var first = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json("""{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"""));
        string id = first.Headers.GetValues("x-flowrouter-request-id").Single();
        using var second = await http.PostAsync("v1/chat/completions", ChatCompletionsSdkTests.Json("""{"model":"=HYPERLINK(\"x\")","messages":[{"role":"user","content":"hi"}]}"""));
        await harness.Server.Gateway.RequestLog.FlushAsync();

        var one = (await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, $"api/requests?id={id}", null, HttpStatusCode.OK)).GetProperty("requests");
        Assert.Equal(id, one.EnumerateArray().Single().GetProperty("id").GetString());
        var recent = (await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/requests?since=1h", null, HttpStatusCode.OK)).GetProperty("requests");
        Assert.Equal(2, recent.GetArrayLength());
        var none = (await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/requests?since=2999-01-01T00:00:00Z", null, HttpStatusCode.OK)).GetProperty("requests");
        Assert.Equal(0, none.GetArrayLength());
        Assert.Equal("since", (await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/requests?since=yesterday", null, HttpStatusCode.BadRequest)).GetProperty("error").GetProperty("param").GetString());

        using var csv = await http.GetAsync("api/requests.csv?since=1h");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment;", csv.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        string[] lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,started_at,key,ingress,requested_model,provider", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(id + ",", StringComparison.Ordinal) && l.Contains(",200,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"x\"\")\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backups_CreatedListedAndDownloaded_OnlyByPlainName()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        var created = (await AdminConfigEditTests.SendAsync(http, HttpMethod.Post, "api/backups", null, HttpStatusCode.Created)).GetProperty("backup");
        string name = created.GetProperty("name").GetString()!;
        Assert.Matches(@"^flowrouter-\d{8}-\d{6}-\d{3}\.db$", name);
        Assert.Equal("backup", created.GetProperty("kind").GetString());

        var listed = await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/backups", null, HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("backups").EnumerateArray(), b => b.GetProperty("name").GetString() == name);
        Assert.Equal(7, listed.GetProperty("keep").GetInt32());

        using var download = await http.GetAsync($"api/backups/{name}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        byte[] bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(bytes, 0, 16));

        foreach (string bad in new[] { "..%2Fflowrouter.db", "flowrouter.db-wal", "nope.db", "%2E%2E%2Fmaster.key" })
        {
            using var refused = await http.GetAsync($"api/backups/{bad}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    [Fact]
    public async Task PresetsAndModels_ListWhatTheDashboardOffers()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("""
            combos:
              - { name: pair, targets: [fake/gpt-4o-mini, fake/o3-mini] }
            """));
        using var http = harness.Http();
        var presets = (await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/presets", null, HttpStatusCode.OK)).GetProperty("presets");
        var ids = presets.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        foreach (string expected in new[] { "openai", "anthropic", "gemini", "deepseek", "groq", "mistral", "xai", "openrouter", "together", "fireworks", "ollama", "lmstudio", "vllm" })
        {
            Assert.Contains(expected, ids);
        }
        var ollama = presets.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "ollama");
        Assert.False(ollama.GetProperty("needs_key").GetBoolean());

        var models = (await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/models", null, HttpStatusCode.OK)).GetProperty("models").EnumerateArray().ToList();
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "pair" && m.GetProperty("kind").GetString() == "combo");
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "fake/gpt-4o" && m.GetProperty("provider").GetString() == "fake");
    }
}
