using System.Diagnostics;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The official Google Gen AI JS SDK (@google/genai, tests/js/gemini-client.mjs, run through Node) as a FlowRouter
/// client: to a Gemini upstream (passthrough) and to OpenAI and Anthropic upstreams (translation).
/// </summary>
public sealed class GeminiJsSdkTests
{
    private static string Providers => $$"""
        providers:
          - id: gem
            type: gemini
            base_url: {upstream-root}
            api_key: gemini-test-provider-key-0000000000
            models: [gemini-2.0-flash]
          - id: oai
            type: openai
            base_url: {upstream2}
            api_key: sk-openai-test-provider-key-000000
            models: [gpt-4o-mini]
          - id: claude
            type: anthropic
            base_url: {upstream2-root}
            api_key: sk-ant-test-provider-key-0000000000
            models: [claude-sonnet-4-5]
        keys: [{ name: laptop, key: {{RouterHarness.ClientKey}} }]
        """;

    [NodeFact]
    public async Task GenAiSdk_GeminiUpstream_TextStreamFunctionCallsCountTokensModel()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction")),
            FakeResponse.FromFixture(Fixtures.Load("gemini", "stream-text")),
            FakeResponse.FromFixture(Fixtures.Load("gemini", "parallel-function-calls")),
            FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction")),
            FakeResponse.Json(200, """{"totalTokens": 9}"""));

        var results = await RunAsync(harness, "gem/gemini-2.0-flash", "text", "stream", "functionCall", "countTokens", "getModel");

        Assert.Equal("Hello! How can I help you today?", results["text"].GetProperty("text").GetString());
        Assert.Equal("STOP", results["text"].GetProperty("finishReason").GetString());
        Assert.Equal("The capital of France is Paris.\n", results["stream"].GetProperty("text").GetString());
        Assert.Equal(3, results["stream"].GetProperty("chunks").GetInt32());
        Assert.Equal(["print", "beep", "controlLight"], results["functionCall"].GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(9, results["countTokens"].GetProperty("totalTokens").GetInt32());
        Assert.Equal("models/gem/gemini-2.0-flash", results["getModel"].GetProperty("name").GetString());
        var received = harness.Upstream.Received.ToList();
        Assert.Equal("/v1beta/models/gemini-2.0-flash:streamGenerateContent", received[1].Path);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:countTokens", received[4].Path);
        using var followUp = received[3].Json();
        var turns = followUp.RootElement.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(3, turns[2].GetProperty("parts").GetArrayLength()); // one functionResponse per call, passed through
    }

    [NodeFact]
    public async Task GenAiSdk_OpenAIAndAnthropicUpstreams_TranslatedBothWays()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")),
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage")),
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "parallel-tool-calls")),
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "text-basic")));

        var openAi = await RunAsync(harness, "oai/gpt-4o-mini", "text", "stream", "functionCall", "countTokens");

        Assert.Equal("Hello! How can I assist you today?", openAi["text"].GetProperty("text").GetString());
        Assert.StartsWith("420", openAi["stream"].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("STOP", openAi["stream"].GetProperty("finishReason").GetString());
        Assert.True(openAi["functionCall"].GetProperty("calls").GetArrayLength() >= 2, openAi["functionCall"].GetRawText());
        Assert.Equal("Hello! How can I assist you today?", openAi["functionCall"].GetProperty("followUp").GetString());
        Assert.InRange(openAi["countTokens"].GetProperty("totalTokens").GetInt32(), 5, 40);
        using (var followUp = harness.Upstream2.Received.ToList()[3].Json())
        {
            var messages = followUp.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(openAi["functionCall"].GetProperty("calls").GetArrayLength(), messages.Count(m => m.GetProperty("role").GetString() == "tool"));
        }

        harness.Upstream2.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic")),
            FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "stream-text")));
        var claude = await RunAsync(harness, "claude/claude-sonnet-4-5", "text", "stream");
        Assert.Equal("4200 + 42 = 4242", claude["text"].GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(claude["stream"].GetProperty("text").GetString()));
        Assert.Equal("STOP", claude["stream"].GetProperty("finishReason").GetString());
    }

    [NodeFact]
    public async Task GenAiSdk_UpstreamKeyInvalidAndUnknownModel_SdkSeesGeminiErrors()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "error-400-api-key-invalid")));

        var invalid = await RunAsync(harness, "gem/gemini-2.0-flash", "text");
        var unknown = await RunAsync(harness, "nope/nothing", "text");

        Assert.Equal(400, invalid["text"].GetProperty("error").GetProperty("status").GetInt32());
        Assert.Contains("API key not valid", invalid["text"].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, unknown["text"].GetProperty("error").GetProperty("status").GetInt32());
    }

    private static async Task<Dictionary<string, JsonElement>> RunAsync(RouterHarness harness, string model, params string[] scenarios)
    {
        string dir = JsDirectory();
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "@google", "genai")), $"Run 'npm ci' in {dir} first (.ci/run does).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["gemini-client.mjs", harness.BaseUri.ToString().TrimEnd('/'), RouterHarness.ClientKey, model, .. scenarios])
        {
            start.ArgumentList.Add(arg);
        }
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, "node failed: " + await stderr);
        var results = new Dictionary<string, JsonElement>();
        foreach (string line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            results[json.RootElement.GetProperty("scenario").GetString()!] = json.RootElement.Clone();
        }
        Assert.Equal(scenarios.Length, results.Count);
        return results;
    }

    private static string JsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "js");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/js/package.json not found above " + AppContext.BaseDirectory);
    }
}
