using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.UnitTests.Protocols.Anthropic;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiCrossProtocolTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void WriteRequest_FromOpenAIFixture_IsValidGeminiRequest(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        var request = OpenAIChatRequestReader.Read(body);

        foreach (var mode in new[] { GeminiSchemaMode.JsonSchema, GeminiSchemaMode.OpenApi })
        {
            byte[] written = GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { SchemaMode = mode });

            using var document = JsonDocument.Parse(written);
            GeminiRequestAssert.Valid(document.RootElement);
            using var original = JsonDocument.Parse(body);
            bool leadingSystem = original.RootElement.GetProperty("messages")[0].GetProperty("role").GetString() is "system" or "developer";
            Assert.Equal(leadingSystem, document.RootElement.TryGetProperty("systemInstruction", out _));
            Assert.NotNull(GeminiRequestReader.Read(written, "gemini-2.5-flash"));
        }
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.AllCases), MemberType = typeof(AnthropicFixtureData))]
    public void WriteRequest_FromAnthropicFixture_IsValidGeminiRequest(string name)
    {
        byte[] body = AnthropicFixtureData.Load(name).RequestBody;
        var request = AnthropicRequestReader.Read(body);

        byte[] written = GeminiRequestWriter.Write(request);

        using var document = JsonDocument.Parse(written);
        GeminiRequestAssert.Valid(document.RootElement);
        using var original = JsonDocument.Parse(body);
        Assert.Equal(original.RootElement.TryGetProperty("system", out _), document.RootElement.TryGetProperty("systemInstruction", out _));
        Assert.DoesNotContain("\"thought\":true", Encoding.UTF8.GetString(written), StringComparison.Ordinal); // Anthropic thinking is never replayed to Gemini
    }

    [Fact]
    public void WriteRequest_OpenAIToolResultRoundTrip_AnswersTheCallByNameAndId()
    {
        var request = OpenAIChatRequestReader.Read(OpenAIChatFixtureData.Load("tool-result-roundtrip").RequestBody);

        using var document = JsonDocument.Parse(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { TargetModel = "gemini-2.5-flash" }));

        var contents = document.RootElement.GetProperty("contents");
        Assert.Equal(3, contents.GetArrayLength());
        Assert.Equal("""{"functionCall":{"name":"get_favorite_color","args":{},"id":"call_rQvZ9upGjXJlbI3FYZ43qGgu"}}""", contents[1].GetProperty("parts")[0].GetRawText());
        Assert.Equal("""{"functionResponse":{"name":"get_favorite_color","response":{"output":"green"},"id":"call_rQvZ9upGjXJlbI3FYZ43qGgu"}}""", contents[2].GetProperty("parts")[0].GetRawText());
        Assert.Equal("""[{"functionDeclarations":[{"name":"get_favorite_color","description":"gets the favorite color of the caller"}]}]""", document.RootElement.GetProperty("tools").GetRawText());
    }

    [Fact]
    public void WriteRequest_AnthropicErrorResult_IsErrorResponseAndSchemaPassesThrough()
    {
        var fixture = AnthropicFixtureData.Load("tool-result-roundtrip");
        var request = AnthropicRequestReader.Read(fixture.RequestBody);

        using var document = JsonDocument.Parse(GeminiRequestWriter.Write(request));

        var root = document.RootElement;
        var response = root.GetProperty("contents")[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal("get_weather", response.GetProperty("name").GetString());
        Assert.Equal("""{"error":"RuntimeError('Unexpected error, try again')"}""", response.GetProperty("response").GetRawText());
        Assert.Equal(1024, root.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
        using var original = JsonDocument.Parse(fixture.RequestBody);
        Assert.Equal(
            original.RootElement.GetProperty("tools")[0].GetProperty("input_schema").GetRawText(),
            root.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("parametersJsonSchema").GetRawText());
    }

    [Fact]
    public void WriteRequest_AnthropicParallelToolUseWithoutResults_GetsStubsInCallOrder()
    {
        var request = AnthropicRequestReader.Read("""
            {"model":"m","max_tokens":5,"system":"be brief","messages":[{"role":"user","content":"q"},
             {"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"calling"},{"type":"tool_use","id":"toolu_1","name":"a","input":{"x":1}},{"type":"tool_use","id":"toolu_2","name":"b","input":{}}]},
             {"role":"user","content":[{"type":"text","text":"go on"},{"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"{\"ok\":true}"}]}]}]}
            """u8.ToArray());

        using var document = JsonDocument.Parse(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { TargetModel = "gemini-3-pro-preview" }));

        var root = document.RootElement;
        GeminiRequestAssert.Valid(root);
        Assert.Equal("""{"parts":[{"text":"be brief"}]}""", root.GetProperty("systemInstruction").GetRawText());
        var model = root.GetProperty("contents")[1].GetProperty("parts");
        Assert.Equal(3, model.GetArrayLength()); // the Anthropic thinking block is dropped
        Assert.Equal("skip_thought_signature_validator", model[1].GetProperty("thoughtSignature").GetString());
        Assert.False(model[2].TryGetProperty("thoughtSignature", out _));
        var user = root.GetProperty("contents")[2].GetProperty("parts");
        Assert.Equal("""{"functionResponse":{"name":"a","response":{"error":"No result was provided for this tool call."},"id":"toolu_1"}}""", user[0].GetRawText());
        Assert.Equal("""{"functionResponse":{"name":"b","response":{"ok":true},"id":"toolu_2"}}""", user[1].GetRawText());
        Assert.Equal("""{"text":"go on"}""", user[2].GetRawText());
    }

    [Fact]
    public void WriteRequest_SignatureFallback_SkippedForGemini2AndWhenTurnedOff()
    {
        var request = OpenAIChatRequestReader.Read(OpenAIChatFixtureData.Load("tool-result-roundtrip").RequestBody);

        string gemini25 = Encoding.UTF8.GetString(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { TargetModel = "gemini-2.5-flash" }));
        string off = Encoding.UTF8.GetString(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { SignatureFallback = null }));
        string unknown = Encoding.UTF8.GetString(GeminiRequestWriter.Write(request));

        Assert.DoesNotContain("thoughtSignature", gemini25, StringComparison.Ordinal);
        Assert.DoesNotContain("thoughtSignature", off, StringComparison.Ordinal);
        Assert.Contains("\"thoughtSignature\":\"skip_thought_signature_validator\"", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteRequest_MessyOpenAIConversation_IsNormalised()
    {
        var request = OpenAIChatRequestReader.Read("""
            {"model":"gpt","messages":[
              {"role":"system","content":"be brief"},
              {"role":"user","content":"a"},
              {"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"b"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},{"type":"image_url","image_url":{"url":"https://x/y.webp"}}]},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"q\":1}"}},
                {"id":"call_2","type":"function","function":{"name":"g","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_2","content":"r2"},
              {"role":"tool","tool_call_id":"call_1","content":"r1"},
              {"role":"tool","tool_call_id":"call_9","content":"orphan"},
              {"role":"system","content":"now answer in French"}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"q":{"type":["integer","null"],"exclusiveMinimum":0}},"additionalProperties":false}}},{"type":"function","function":{"name":"g"}}],
             "tool_choice":{"type":"function","function":{"name":"f"}},"reasoning_effort":"high","temperature":0.2,"stop":["END"],"seed":3,
             "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"k":{"const":"v"}}}}}}
            """u8.ToArray());

        using var document = JsonDocument.Parse(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { SchemaMode = GeminiSchemaMode.OpenApi, TargetModel = "gemini-2.5-pro" }));

        var root = document.RootElement;
        GeminiRequestAssert.Valid(root);
        var contents = root.GetProperty("contents");
        Assert.Equal(3, contents.GetArrayLength());
        Assert.Equal("""[{"text":"a"},{"text":"b"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},{"fileData":{"mimeType":"image/webp","fileUri":"https://x/y.webp"}}]""", contents[0].GetProperty("parts").GetRawText());
        Assert.Equal("""{"functionCall":{"name":"g","args":{},"id":"call_2"}}""", contents[1].GetProperty("parts")[1].GetRawText());
        var answers = contents[2].GetProperty("parts");
        Assert.Equal("""{"functionResponse":{"name":"f","response":{"output":"r1"},"id":"call_1"}}""", answers[0].GetRawText());
        Assert.Equal("""{"functionResponse":{"name":"g","response":{"output":"r2"},"id":"call_2"}}""", answers[1].GetRawText());
        Assert.Equal("""{"text":"[tool result call_9] orphan"}""", answers[2].GetRawText());
        Assert.Equal("""{"text":"[system] now answer in French"}""", answers[3].GetRawText());
        Assert.Equal("""{"parts":[{"text":"be brief"}]}""", root.GetProperty("systemInstruction").GetRawText());
        Assert.Equal("""[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{"q":{"type":"INTEGER","nullable":true,"minimum":1}}}},{"name":"g"}]}]""", root.GetProperty("tools").GetRawText());
        Assert.Equal("""{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}}""", root.GetProperty("toolConfig").GetRawText());
        Assert.Equal("""{"stopSequences":["END"],"temperature":0.2,"seed":3,"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"k":{"type":"STRING","enum":["v"]}}},"thinkingConfig":{"thinkingBudget":24576,"includeThoughts":true}}""", root.GetProperty("generationConfig").GetRawText());
    }

    [Theory]
    [InlineData("""{"type":"enabled","budget_tokens":2048}""", """{"thinkingBudget":2048,"includeThoughts":true}""")]
    [InlineData("""{"type":"disabled"}""", """{"thinkingBudget":0}""")]
    [InlineData("""{"type":"adaptive"}""", """{"thinkingBudget":-1,"includeThoughts":true}""")]
    public void WriteRequest_AnthropicThinking_BecomesThinkingConfig(string thinking, string expected)
    {
        var request = AnthropicRequestReader.Read(Encoding.UTF8.GetBytes("""{"model":"m","max_tokens":4096,"messages":[{"role":"user","content":"q"}],"thinking":""" + thinking + "}"));

        using var document = JsonDocument.Parse(GeminiRequestWriter.Write(request));

        Assert.Equal(expected, document.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig").GetRawText());
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("minimal", 512)]
    [InlineData("low", 1024)]
    [InlineData("medium", 8192)]
    [InlineData("high", 24576)]
    [InlineData("xhigh", 32768)]
    [InlineData("whatever", -1)]
    public void EffortTable_GivesStatedBudgets(string effort, int budget)
    {
        var request = OpenAIChatRequestReader.Read(Encoding.UTF8.GetBytes("""{"model":"o3","messages":[{"role":"user","content":"q"}],"reasoning_effort":""" + "\"" + effort + "\"}"));

        using var document = JsonDocument.Parse(GeminiRequestWriter.Write(request));

        Assert.Equal(budget, document.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("thinkingBudget").GetInt32());
    }

    [Fact]
    public void WriteRequest_GeminiThoughtFromAnotherModel_IsDropped()
    {
        var request = GeminiRequestReader.Read("""{"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"model","parts":[{"text":"t","thought":true,"thoughtSignature":"c2ln"},{"text":"a"}]},{"role":"user","parts":[{"text":"more"}]}]}"""u8.ToArray(), "gemini-2.5-pro");
        var thought = (ReasoningPart)request.Messages[1].Parts[0];
        thought.OriginProvider = "gemini";
        thought.OriginModel = "gemini-2.5-pro";

        string same = Encoding.UTF8.GetString(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { TargetProvider = "gemini", TargetModel = "gemini-2.5-pro" }));
        string other = Encoding.UTF8.GetString(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { TargetProvider = "gemini", TargetModel = "gemini-3-pro-preview" }));

        Assert.Contains("\"thoughtSignature\":\"c2ln\"", same, StringComparison.Ordinal);
        Assert.DoesNotContain("thought", other, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteRequest_GeminiHistoryViaOpenAIClient_SyntheticIdsStayOffTheWire()
    {
        var gemini = GeminiResponseReader.Read(GeminiFixtureData.Load("function-call").ResponseBody);
        var call = gemini.Message.Parts.OfType<ToolCallPart>().Single();
        var request = OpenAIChatRequestReader.Read(Encoding.UTF8.GetBytes($$$"""
            {"model":"g","messages":[{"role":"user","content":"100/2"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"{{{call.Id}}}","type":"function","function":{"name":"customDivide","arguments":"{\"numerator\":100,\"denominator\":2}"}}]},
             {"role":"tool","tool_call_id":"{{{call.Id}}}","content":"50"}]}
            """));

        string written = Encoding.UTF8.GetString(GeminiRequestWriter.Write(request, new GeminiRequestWriterOptions { TargetModel = "gemini-2.0-flash" }));

        Assert.StartsWith("gcall_", call.Id, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", written, StringComparison.Ordinal);
        Assert.Contains("""{"functionResponse":{"name":"customDivide","response":{"output":"50"}}}""", written, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.StreamCases), MemberType = typeof(AnthropicFixtureData))]
    public async Task WriteGeminiStream_FromAnthropicFixture_RereadsToSameAnswer(string name)
    {
        var events = await AnthropicStreamTests.ReadAll(new MemoryStream(AnthropicFixtureData.Load(name).ResponseBody));

        byte[] written = GeminiStreamTests.WriteAll(events);
        var reread = await GeminiStreamTests.ReadAll(new MemoryStream(written));

        Assert.Equal(NormaliseTools(StreamEventText.Accumulate(events)), NormaliseTools(StreamEventText.Accumulate(reread)));
        Assert.DoesNotContain("thoughtSignature", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.StreamCases), MemberType = typeof(OpenAIChatFixtureData))]
    public async Task WriteGeminiStream_FromOpenAIFixture_RereadsToSameAnswer(string name)
    {
        var events = await OpenAIChatStreamTests.ReadAll(new MemoryStream(OpenAIChatFixtureData.Load(name).ResponseBody));

        byte[] written = GeminiStreamTests.WriteAll(events);
        var reread = await GeminiStreamTests.ReadAll(new MemoryStream(written));

        Assert.Equal(NormaliseTools(StreamEventText.Accumulate(events)), NormaliseTools(StreamEventText.Accumulate(reread)));
    }

    [Fact]
    public async Task WriteGeminiStream_OpenAIParallelToolCalls_TwoFunctionCallsThenStopWithUsage()
    {
        var events = await OpenAIChatStreamTests.ReadAll(new MemoryStream(OpenAIChatFixtureData.Load("stream-parallel-tool-calls").ResponseBody));

        string written = Encoding.UTF8.GetString(GeminiStreamTests.WriteAll(events));

        var chunks = written.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries).Select(f => JsonDocument.Parse(f["data: ".Length..])).ToList();
        var calls = chunks.Select(c => c.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0])
            .Where(p => p.TryGetProperty("functionCall", out _)).Select(p => p.GetProperty("functionCall")).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(JsonValueKind.Object, c.GetProperty("args").ValueKind));
        var last = chunks[^1].RootElement;
        Assert.Equal("STOP", last.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.True(last.GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32() > 0);
        chunks.ForEach(c => c.Dispose());
    }

    /// <summary>Text, reasoning and tool names/arguments as parsed JSON (Gemini re-serialises arguments once, as an object).</summary>
    private static string NormaliseTools(string accumulated) =>
        string.Join('\n', accumulated.Split('\n')
            .Where(l => l.StartsWith("text=", StringComparison.Ordinal) || l.StartsWith("reasoning=", StringComparison.Ordinal) || l.StartsWith("tool ", StringComparison.Ordinal))
            .Select(l => l.StartsWith("tool ", StringComparison.Ordinal) ? ToolLine(l) : l));

    private static string ToolLine(string line)
    {
        string[] pieces = line.Split(' ', 4);
        string args = pieces.Length > 3 && pieces[3].Trim().Length > 0 ? pieces[3] : "{}";
        using var document = JsonDocument.Parse(args);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.RootElement.WriteTo(writer);
        }
        string id = pieces[1].StartsWith("gcall_", StringComparison.Ordinal) ? "" : pieces[1];
        return $"tool {id} {pieces[2]} {Encoding.UTF8.GetString(buffer.WrittenSpan)}";
    }
}
