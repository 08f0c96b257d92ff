using System.Text;
using FlowRouter.Routing.Tiers;
using FlowRouter.TestKit;
using Xunit.Abstractions;

namespace FlowRouter.UnitTests.Routing;

public sealed class TierClassifierTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"auto","input":"hi"}""")]
    [InlineData("""{"model":"auto","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""")]
    public void Classify_HiInEveryProtocol_IsSimple(string body)
    {
        var decision = Classify(body);

        Assert.Equal(Tier.Simple, decision.Tier);
        Assert.Equal(0, decision.Score);
        Assert.Matches(@"^chars=\d{1,2}\(\+0\) fences=0\(\+0\) tools=0\(\+0\) turns=1\(\+0\) reasoning=none\(\+0\) images=0\(\+0\) -> simple \(score 0\)$", decision.Reasons);
    }

    [Fact]
    public void Measure_OpenAIChat_CountsTurnsToolsFencesAndEffort()
    {
        var signals = TierClassifier.Measure(Utf8("""
            {"model":"auto","reasoning_effort":"high",
             "messages":[{"role":"system","content":"be brief"},{"role":"user","content":"fix:\n```py\nx=1\n```\nand\n```js\ny\n```"},
                         {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"run","arguments":"{}"}}]},
                         {"role":"tool","tool_call_id":"c1","content":"ok"}],
             "tools":[{"type":"function","function":{"name":"run","parameters":{"type":"object","properties":{"tools":{"type":"array"},"role":{"type":"string"}}}}},
                      {"type":"function","function":{"name":"read"}}]}
            """));

        Assert.Equal(4, signals.Turns);
        Assert.Equal(2, signals.Tools);
        Assert.Equal(4, signals.Fences);
        Assert.Equal(TierReasoning.On, signals.Reasoning);
        Assert.Equal(0, signals.Images);
        Assert.False(signals.Malformed);
    }

    [Fact]
    public void Measure_Responses_CountsInputItemsImagesAndReasoningObject()
    {
        var signals = TierClassifier.Measure(Utf8("""
            {"model":"auto","reasoning":{"effort":"low","summary":"auto"},
             "input":[{"role":"user","content":[{"type":"input_text","text":"what is this"},{"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="}]},
                      {"type":"function_call","call_id":"c","name":"f","arguments":"{}"},
                      {"type":"function_call_output","call_id":"c","output":"done"},
                      {"type":"reasoning","encrypted_content":"gAAAAABoTHISISOPAQUEANDLONGgAAAAABoTHISISOPAQUEANDLONG"}],
             "tools":[{"type":"function","name":"f","parameters":{}}]}
            """));

        Assert.Equal(4, signals.Turns);
        Assert.Equal(1, signals.Tools);
        Assert.Equal(1, signals.Images);
        Assert.Equal(TierReasoning.Low, signals.Reasoning);
        Assert.True(signals.Chars < 150, $"blobs are not text: {signals.Chars}");
    }

    [Fact]
    public void Measure_Anthropic_CountsImageBlocksAndThinking()
    {
        var signals = TierClassifier.Measure(Utf8("""
            {"model":"auto","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
             "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH"}},{"type":"text","text":"describe"}]},
                         {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxSIGNATURE"}]},
                         {"role":"user","content":"more"}],
             "tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"b","input_schema":{"type":"object"}},{"name":"c","input_schema":{"type":"object"}}]}
            """));

        Assert.Equal(3, signals.Turns);
        Assert.Equal(3, signals.Tools);
        Assert.Equal(1, signals.Images);
        Assert.Equal(TierReasoning.On, signals.Reasoning);
        Assert.True(signals.Chars < 200, $"blobs are not text: {signals.Chars}");
    }

    [Theory]
    [InlineData("""{"thinking":{"type":"disabled"},"messages":[]}""", TierReasoning.None)]
    [InlineData("""{"reasoning_effort":"minimal","messages":[]}""", TierReasoning.None)]
    [InlineData("""{"reasoning_effort":"none","messages":[]}""", TierReasoning.None)]
    [InlineData("""{"reasoning_effort":"low","messages":[]}""", TierReasoning.Low)]
    [InlineData("""{"reasoning":{"effort":"xhigh"}}""", TierReasoning.On)]
    [InlineData("""{"reasoning":null}""", TierReasoning.None)]
    [InlineData("""{"thinking":{"type":"adaptive"}}""", TierReasoning.On)]
    [InlineData("""{"generationConfig":{"thinkingConfig":{"thinkingBudget":0}}}""", TierReasoning.None)]
    [InlineData("""{"generationConfig":{"thinkingConfig":{"thinkingBudget":-1}}}""", TierReasoning.On)]
    [InlineData("""{"generationConfig":{"temperature":0.2,"thinkingConfig":{"thinkingLevel":"low"}},"contents":[]}""", TierReasoning.Low)]
    [InlineData("""{"generation_config":{"thinking_config":{"include_thoughts":true}}}""", TierReasoning.On)]
    [InlineData("""{"messages":[{"role":"user","content":"reasoning_effort high thinking"}]}""", TierReasoning.None)]
    public void Measure_ReasoningSettings_AreReadPerProtocol(string body, TierReasoning expected) =>
        Assert.Equal(expected, TierClassifier.Measure(Utf8(body)).Reasoning);

    [Fact]
    public void Measure_Gemini_CountsContentsAndFunctionDeclarations()
    {
        var signals = TierClassifier.Measure(Utf8("""
            {"systemInstruction":{"parts":[{"text":"be kind"}]},
             "contents":[{"role":"user","parts":[{"text":"look"},{"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQSkZJRgABAQAAAQABAAD"}}]},
                         {"role":"model","parts":[{"functionCall":{"name":"a","args":{}},"thoughtSignature":"CiQB0e2Kb7opaque"}]},
                         {"parts":[{"functionResponse":{"name":"a","response":{"ok":true}}}]}],
             "tools":[{"functionDeclarations":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"},{"name":"e"},{"name":"f"}]},{"googleSearch":{}}]}
            """));

        Assert.Equal(3, signals.Turns);
        Assert.Equal(6, signals.Tools);
        Assert.Equal(1, signals.Images);
    }

    [Fact]
    public void Classify_ClaudeCodeLikeSession_IsComplex()
    {
        var decision = Classify(ClaudeCodeLikeBody());
        output.WriteLine(decision.Reasons);

        Assert.Equal(Tier.Complex, decision.Tier);
        Assert.Contains("tools=16(+2)", decision.Reasons, StringComparison.Ordinal);
        Assert.Contains("turns=14(+2)", decision.Reasons, StringComparison.Ordinal);
        Assert.EndsWith("-> complex (score " + decision.Score + ")", decision.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_MediumSizedCodeQuestion_IsMedium()
    {
        string code = string.Concat(Enumerable.Repeat("    total += item.Price * item.Quantity;\\n", 60));
        var decision = Classify($$"""{"messages":[{"role":"user","content":"Why is this slow?\n```csharp\n{{code}}```"}]}""");
        output.WriteLine(decision.Reasons);

        Assert.Equal(Tier.Medium, decision.Tier);
        Assert.Equal(2, decision.Score);
    }

    [Fact]
    public void Classify_SameBody_SameDecision()
    {
        byte[] body = Utf8(ClaudeCodeLikeBody());

        Assert.Equal(TierClassifier.Classify(body), TierClassifier.Classify(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}""")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    public void Classify_MalformedOrOddBody_NeverThrows(string body)
    {
        var decision = Classify(body);

        Assert.Equal(Tier.Simple, decision.Tier);
    }

    [Fact]
    public void Classify_TruncatedBody_SaysSoAndCountsItsBytes()
    {
        string text = new('x', 40_000);
        var decision = Classify($$"""{"messages":[{"role":"user","content":"{{text}}""");

        Assert.Contains("malformed-json", decision.Reasons, StringComparison.Ordinal);
        Assert.Equal(Tier.Medium, decision.Tier);
    }

    [Fact]
    public void Score_Thresholds_SplitAtTheDocumentedScores()
    {
        Assert.Equal(Tier.Simple, TierClassifier.Score(new TierSignals(CharsAt(1), 0, 0, 1, TierReasoning.None, 0)).Tier);
        Assert.Equal(Tier.Medium, TierClassifier.Score(new TierSignals(CharsAt(2), 0, 0, 1, TierReasoning.None, 0)).Tier);
        Assert.Equal(Tier.Medium, TierClassifier.Score(new TierSignals(CharsAt(4), 0, 0, 1, TierReasoning.None, 0)).Tier);
        Assert.Equal(Tier.Complex, TierClassifier.Score(new TierSignals(CharsAt(4), 0, 1, 1, TierReasoning.None, 0)).Tier);
        Assert.Equal(13, TierClassifier.Score(new TierSignals(500_000, 10, 30, 40, TierReasoning.On, 3)).Score);

        static long CharsAt(int points) => points switch { 1 => 2_000, 2 => 8_000, 3 => 32_000, _ => 128_000 };
    }

    [Fact]
    public void Classify_EveryRecordedFixtureRequest_IsClassifiedWithoutFault()
    {
        foreach (string protocol in new[] { "openai-chat", "openai-responses", "anthropic-messages", "gemini" })
        {
            foreach (string name in Fixtures.Cases(protocol))
            {
                var decision = TierClassifier.Classify(Fixtures.Load(protocol, name).RequestBody);
                output.WriteLine($"{protocol}/{name}: {decision.Reasons}");
                Assert.DoesNotContain("malformed-json", decision.Reasons, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("openai-chat", "max-tokens-length", Tier.Simple)]
    [InlineData("openai-chat", "image-base64", Tier.Simple)]
    [InlineData("openai-responses", "text-basic", Tier.Simple)]
    [InlineData("anthropic-messages", "prompt-cache-read", Tier.Medium)]
    [InlineData("gemini", "image-inline-base64", Tier.Simple)]
    public void Classify_RecordedFixture_LandsInTheExpectedTier(string protocol, string name, Tier expected)
    {
        var decision = TierClassifier.Classify(Fixtures.Load(protocol, name).RequestBody);
        output.WriteLine(decision.Reasons);

        Assert.Equal(expected, decision.Tier);
    }

    /// <summary>The shape of a coding agent's request: long system prompt, 16 tools with schemas, 14 turns with code.</summary>
    private static string ClaudeCodeLikeBody()
    {
        var body = new StringBuilder("""{"model":"auto","max_tokens":32000,"stream":true,"system":[{"type":"text","text":"You are an interactive CLI tool that helps users with software engineering tasks. """);
        for (int i = 0; i < 120; i++)
        {
            body.Append("Rule ").Append(i).Append(": prefer editing existing files, keep answers short, never guess URLs, run the tests after a change. ");
        }
        body.Append("\",\"cache_control\":{\"type\":\"ephemeral\"}}],\"tools\":[");
        string[] names = ["Bash", "Glob", "Grep", "LS", "Read", "Edit", "MultiEdit", "Write", "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch", "Task", "ExitPlanMode", "BashOutput", "KillShell"];
        for (int i = 0; i < names.Length; i++)
        {
            body.Append(i == 0 ? "" : ",").Append($$$"""{"name":"{{{names[i]}}}","description":"Runs {{{names[i]}}} for the agent. Use it with care; see the usage notes in the system prompt.","input_schema":{"type":"object","properties":{"path":{"type":"string"},"tools":{"type":"array","items":{"type":"string"}},"role":{"type":"string"}},"required":["path"]}}""");
        }
        body.Append("""],"messages":[""");
        for (int turn = 0; turn < 14; turn++)
        {
            body.Append(turn == 0 ? "" : ",");
            body.Append(turn % 2 == 0
                ? $$"""{"role":"user","content":[{"type":"text","text":"Step {{turn}}: here is the failing code\n```csharp\nvar x = Compute({{turn}});\n```\nplease fix it."}]}"""
                : $$"""{"role":"assistant","content":[{"type":"text","text":"Fixed in step {{turn}}:\n```csharp\nvar x = Compute({{turn}}) ?? 0;\n```"}]}""");
        }
        body.Append("]}");
        return body.ToString();
    }

    private static TierDecision Classify(string body) => TierClassifier.Classify(Utf8(body));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
