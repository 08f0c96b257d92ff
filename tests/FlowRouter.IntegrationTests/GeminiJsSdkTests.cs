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

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    [NodeFact]
    public async Task GenAiSdk_GeminiUpstream_ImageThinkingSignaturesStructuredOutput_PassedThrough()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var followUp = FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction"));
        harness.Upstream.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("gemini", "image-inline-base64")),
            FakeResponse.FromFixture(Fixtures.Load("gemini", "thinking-include-thoughts")), followUp,
            FakeResponse.FromFixture(Fixtures.Load("gemini", "thinking-stream")), followUp,
            FakeResponse.FromFixture(Fixtures.Load("gemini", "function-call-stream-thought-signature")), followUp,
            FakeResponse.FromFixture(Fixtures.Load("gemini", "structured-output-response-json-schema")));

        var results = await RunAsync(harness, "gem/gemini-2.0-flash", "image", "thinking", "thinkingStream", "functionCallSignature", "structuredJsonSchema");
        var received = harness.Upstream.Received.ToList();

        // Image: the inline part reaches Gemini as the SDK sent it.
        Assert.StartsWith("The image displays a three-dimensional jigsaw puzzle globe", results["image"].GetProperty("text").GetString(), StringComparison.Ordinal);
        using (var sent = received[0].Json())
        {
            var inline = sent.RootElement.GetProperty("contents")[0].GetProperty("parts")[1].GetProperty("inlineData");
            Assert.Equal(("image/png", Png), (inline.GetProperty("mimeType").GetString(), inline.GetProperty("data").GetString()));
        }

        // Thinking: thought parts and the thoughtSignature reach the SDK and come back unchanged on the next turn.
        var thinking = results["thinking"];
        Assert.StartsWith("**A Safe Street-Crossing Guide", thinking.GetProperty("thoughts").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Crossing the street safely", thinking.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, thinking.GetProperty("signatures").GetInt32());
        Assert.Equal("Hello! How can I help you today?", thinking.GetProperty("followUp").GetString());
        string signature = Signatures(Fixtures.Load("gemini", "thinking-include-thoughts").ResponseBody).Single();
        Assert.Equal([signature], Signatures(received[2].Body));
        using (var sent = received[2].Json())
        {
            var model = sent.RootElement.GetProperty("contents")[1];
            Assert.Equal("model", model.GetProperty("role").GetString());
            Assert.True(model.GetProperty("parts")[0].GetProperty("thought").GetBoolean());
            Assert.True(sent.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("includeThoughts").GetBoolean());
        }

        var thinkingStream = results["thinkingStream"];
        Assert.StartsWith("**Clarifying User Goals**", thinkingStream.GetProperty("thoughts").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("This is a great question!", thinkingStream.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("STOP", thinkingStream.GetProperty("finishReason").GetString());
        Assert.Equal(Signatures(Fixtures.Load("gemini", "thinking-stream").ResponseBody), Signatures(received[4].Body));
        Assert.Equal("/v1beta/models/gemini-2.0-flash:streamGenerateContent", received[3].Path);

        // A streamed functionCall with a thoughtSignature: replayed with its signature, answered in the next user turn.
        var call = results["functionCallSignature"];
        Assert.Equal(["get_country"], call.GetProperty("calls").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, call.GetProperty("signatures").GetInt32());
        using (var sent = received[6].Json())
        {
            var contents = sent.RootElement.GetProperty("contents").EnumerateArray().ToList();
            var replayed = contents[1].GetProperty("parts").EnumerateArray().Single(p => p.TryGetProperty("functionCall", out _));
            Assert.Equal(
                Signatures(Fixtures.Load("gemini", "function-call-stream-thought-signature").ResponseBody).Single(),
                replayed.GetProperty("thoughtSignature").GetString());
            Assert.Equal("get_country", contents[2].GetProperty("parts")[0].GetProperty("functionResponse").GetProperty("name").GetString());
        }

        // Structured output: responseJsonSchema goes to Gemini as given; the SDK parses the answer.
        Assert.Equal("Hello", results["structuredJsonSchema"].GetProperty("parsed").GetProperty("simpleString").GetString());
        using (var sent = received[7].Json())
        {
            var config = sent.RootElement.GetProperty("generationConfig");
            Assert.Equal("application/json", config.GetProperty("responseMimeType").GetString());
            Assert.Equal(["answer", "steps"], config.GetProperty("responseJsonSchema").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        }
        Assert.Equal(8, received.Count);
    }

    [NodeFact]
    public async Task GenAiSdk_OpenAIUpstream_InlineImageBecomesDataUrl_StructuredOutputBecomesJsonSchemaResponseFormat()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream2!.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "image-base64")),
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "json-schema-strict")),
            FakeResponse.FromFixture(Fixtures.Load("openai-chat", "json-schema-strict")));

        var results = await RunAsync(harness, "oai/gpt-4o-mini", "image", "structuredJsonSchema", "structuredSchema");
        var received = harness.Upstream2.Received.ToList();

        Assert.Equal("The image is the Wikipedia globe logo, made of puzzle pieces with various letters and symbols on them.", results["image"].GetProperty("text").GetString());
        Assert.Equal("STOP", results["image"].GetProperty("finishReason").GetString());
        using (var sent = received[0].Json())
        {
            var parts = sent.RootElement.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "user").GetProperty("content").EnumerateArray().ToList();
            Assert.Equal("Describe the following image in one sentence", parts.Single(p => p.GetProperty("type").GetString() == "text").GetProperty("text").GetString());
            var image = parts.Single(p => p.GetProperty("type").GetString() == "image_url");
            Assert.Equal("data:image/png;base64," + Png, image.GetProperty("image_url").GetProperty("url").GetString());
        }

        foreach (var (scenario, index) in new[] { ("structuredJsonSchema", 1), ("structuredSchema", 2) })
        {
            var parsed = results[scenario].GetProperty("parsed");
            Assert.Equal("A pound of feathers and sixteen ounces of steel weigh the same.", parsed.GetProperty("answer").GetString());
            Assert.Equal(5, parsed.GetProperty("steps").GetArrayLength());
            using var sent = received[index].Json();
            var format = sent.RootElement.GetProperty("response_format");
            Assert.Equal("json_schema", format.GetProperty("type").GetString());
            var schema = format.GetProperty("json_schema").GetProperty("schema");
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.Equal(["answer", "steps"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal("string", schema.GetProperty("properties").GetProperty("steps").GetProperty("items").GetProperty("type").GetString());
        }
    }

    [NodeFact]
    public async Task GenAiSdk_AnthropicUpstream_ThinkingComesBackAsThoughtParts_ImageAsBase64Block()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var followUp = FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "text-basic"));
        harness.Upstream2!.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "thinking")), followUp,
            FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "thinking-stream")), followUp,
            FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "image-base64")));

        var results = await RunAsync(harness, "claude/claude-sonnet-4-5", "thinking", "thinkingStream", "image");
        var received = harness.Upstream2.Received.ToList();

        var thinking = results["thinking"];
        Assert.Equal("This is a straightforward question about pedestrian safety. I should provide clear, practical advice about crossing the street safely.", thinking.GetProperty("thoughts").GetString());
        Assert.StartsWith("Here's how to cross the street safely", thinking.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("STOP", thinking.GetProperty("finishReason").GetString());
        Assert.Equal(0, thinking.GetProperty("signatures").GetInt32()); // an Anthropic signature is no Gemini thoughtSignature
        Assert.Equal("4200 + 42 = 4242", thinking.GetProperty("followUp").GetString());
        var thinkingStream = results["thinkingStream"];
        Assert.StartsWith("This is a straightforward question", thinkingStream.GetProperty("thoughts").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(thinkingStream.GetProperty("answer").GetString()));
        Assert.Equal("STOP", thinkingStream.GetProperty("finishReason").GetString());
        using (var sent = received[0].Json())
        {
            var config = sent.RootElement.GetProperty("thinking");
            Assert.Equal(("enabled", 2048), (config.GetProperty("type").GetString(), config.GetProperty("budget_tokens").GetInt32()));
        }
        using (var sent = received[1].Json())
        {
            // The replayed thought parts carry no Anthropic signature, so they are not sent back as thinking blocks
            // (Anthropic rejects unsigned thinking); the answer text is.
            var messages = sent.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
            Assert.Equal(["text"], messages[1].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        }

        Assert.False(string.IsNullOrEmpty(results["image"].GetProperty("text").GetString()));
        using (var sent = received[4].Json())
        {
            var image = sent.RootElement.GetProperty("messages")[0].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image");
            Assert.Equal(("base64", "image/png", Png), (
                image.GetProperty("source").GetProperty("type").GetString(),
                image.GetProperty("source").GetProperty("media_type").GetString(),
                image.GetProperty("source").GetProperty("data").GetString()));
        }
    }

    /// <summary>Every thoughtSignature value in a Gemini body (JSON or SSE), in order.</summary>
    private static List<string> Signatures(byte[] body) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.UTF8.GetString(body), "\"thoughtSignature\":\\s*\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value)
            .ToList();

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
