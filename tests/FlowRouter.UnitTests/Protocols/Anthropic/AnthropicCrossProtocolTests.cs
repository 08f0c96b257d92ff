using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicCrossProtocolTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void WriteRequest_FromOpenAIFixture_IsValidAnthropicRequest(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        var request = OpenAIChatRequestReader.Read(body);

        byte[] written = AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { Model = "claude-sonnet-4-5", DefaultMaxTokens = 8192 });

        using var original = JsonDocument.Parse(body);
        using var document = JsonDocument.Parse(written);
        AnthropicRequestAssert.Valid(document.RootElement);
        bool leadingSystem = original.RootElement.GetProperty("messages")[0].GetProperty("role").GetString() is "system" or "developer";
        bool jsonObjectMode = original.RootElement.TryGetProperty("response_format", out var format) && format.GetProperty("type").GetString() == "json_object";
        Assert.Equal(leadingSystem || jsonObjectMode, document.RootElement.TryGetProperty("system", out _));
        Assert.True(AnthropicRequestScanner.Scan(written).IsValid);
    }

    [Fact]
    public void WriteRequest_OpenAIReasoningEffort_BecomesThinkingBudgetWithRoomAbove()
    {
        var request = OpenAIChatRequestReader.Read("""{"model":"o3","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"high","max_completion_tokens":2000,"temperature":0.2}"""u8.ToArray());

        using var document = JsonDocument.Parse(AnthropicRequestWriter.Write(request));

        var root = document.RootElement;
        Assert.Equal(16384, root.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal(16384 + AnthropicRequestWriter.AnswerTokensAboveBudget, root.GetProperty("max_tokens").GetInt32());
        Assert.False(root.TryGetProperty("temperature", out _));
    }

    [Fact]
    public void WriteRequest_MessyOpenAIConversation_IsNormalised()
    {
        var request = OpenAIChatRequestReader.Read("""
            {"model":"gpt","messages":[
              {"role":"system","content":"be brief"},
              {"role":"developer","content":"and kind"},
              {"role":"user","content":"a"},
              {"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"b"}]},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call.1:x","type":"function","function":{"name":"f","arguments":"{\"q\":1}"}},
                {"id":"call_2","type":"function","function":{"name":"g","arguments":""}}]},
              {"role":"tool","tool_call_id":"call.1:x","content":"r1"},
              {"role":"system","content":"now answer in French"},
              {"role":"assistant","content":"ok"}],
             "parallel_tool_calls":false,"tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"g","parameters":{"type":"object"}}}],
             "tool_choice":"required","user":"u1","response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}
            """u8.ToArray());

        using var document = JsonDocument.Parse(AnthropicRequestWriter.Write(request));

        var root = document.RootElement;
        AnthropicRequestAssert.Valid(root);
        Assert.Equal("""[{"type":"text","text":"be brief"},{"type":"text","text":"and kind"}]""", root.GetProperty("system").GetRawText());
        var messages = root.GetProperty("messages");
        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal("""[{"type":"text","text":"a"},{"type":"text","text":"b"}]""", messages[0].GetProperty("content").GetRawText());
        string encodedId = ToolIdMapper.Encode("call.1:x");
        Assert.Equal(encodedId, messages[1].GetProperty("content")[0].GetProperty("id").GetString());
        Assert.Equal("{}", messages[1].GetProperty("content")[1].GetProperty("input").GetRawText());
        var results = messages[2].GetProperty("content");
        Assert.Equal(encodedId, results[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("call_2", results[1].GetProperty("tool_use_id").GetString());
        Assert.True(results[1].GetProperty("is_error").GetBoolean());
        Assert.Equal("No result was provided for this tool call.", results[1].GetProperty("content").GetString());
        Assert.Equal("[system] now answer in French", results[2].GetProperty("text").GetString());
        Assert.Equal("""{"type":"any","disable_parallel_tool_use":true}""", root.GetProperty("tool_choice").GetRawText());
        Assert.Equal("""{"user_id":"u1"}""", root.GetProperty("metadata").GetRawText());
        Assert.Equal("""{"format":{"type":"json_schema","schema":{"type":"object"}}}""", root.GetProperty("output_config").GetRawText());
        Assert.Equal("""{"type":"object","properties":{}}""", root.GetProperty("tools")[0].GetProperty("input_schema").GetRawText());
        Assert.Equal(4096, root.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void WriteRequest_ReasoningFromAnotherModel_IsDropped()
    {
        var request = AnthropicRequestReader.Read("""
            {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"q"},
             {"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"a"}]},
             {"role":"user","content":"more"}]}
            """u8.ToArray());
        var thinking = (FlowRouter.Core.Canonical.ReasoningPart)request.Messages[1].Parts[0];
        thinking.OriginProvider = "anthropic";
        thinking.OriginModel = "claude-haiku-4-5";

        string sameModel = Encoding.UTF8.GetString(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { TargetProvider = "anthropic", TargetModel = "claude-haiku-4-5" }));
        string otherModel = Encoding.UTF8.GetString(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { TargetProvider = "anthropic", TargetModel = "claude-opus-4-5" }));

        Assert.Contains("\"signature\":\"s\"", sameModel, StringComparison.Ordinal);
        Assert.DoesNotContain("thinking", otherModel, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.StreamCases), MemberType = typeof(OpenAIChatFixtureData))]
    public async Task WriteStream_FromOpenAIFixture_IsWellFormedAnthropicSequence(string name)
    {
        var events = await OpenAIChatStreamTests.ReadAll(new MemoryStream(OpenAIChatFixtureData.Load(name).ResponseBody));

        byte[] written = AnthropicStreamTests.WriteAll(events);

        AnthropicRequestAssert.WellFormedStream(Encoding.UTF8.GetString(written));
        var reread = await AnthropicStreamTests.ReadAll(new MemoryStream(written));
        Assert.Equal(Core(StreamEventText.Accumulate(events)), Core(StreamEventText.Accumulate(reread)));
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.StreamCases), MemberType = typeof(AnthropicFixtureData))]
    public async Task WriteOpenAIStream_FromAnthropicFixture_IsWellFormedChunks(string name)
    {
        var events = await AnthropicStreamTests.ReadAll(new MemoryStream(AnthropicFixtureData.Load(name).ResponseBody));

        using var writer = new OpenAIChatStreamWriter(new OpenAIChatResponseWriterOptions { IncludeUsage = true });
        var output = new ArrayBufferWriter<byte>();
        events.ForEach(e => writer.Write(e, output));
        string written = Encoding.UTF8.GetString(output.WrittenSpan);

        Assert.EndsWith("data: [DONE]\n\n", written, StringComparison.Ordinal);
        foreach (string frame in written.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
        {
            using var chunk = JsonDocument.Parse(frame["data: ".Length..]);
            Assert.Equal("chat.completion.chunk", chunk.RootElement.GetProperty("object").GetString());
        }
        var reread = await OpenAIChatStreamTests.ReadAll(new MemoryStream(output.WrittenSpan.ToArray()));
        Assert.Equal(Core(StreamEventText.Accumulate(events)), Core(StreamEventText.Accumulate(reread)));
        if (name.StartsWith("thinking", StringComparison.Ordinal))
        {
            Assert.Contains("\"reasoning_content\":", written, StringComparison.Ordinal);
        }
    }

    /// <summary>Text, reasoning and tool calls (what every protocol carries); finish words and usage details differ by design.</summary>
    private static string Core(string accumulated) =>
        string.Join('\n', accumulated.Split('\n').Where(l => l.StartsWith("text=", StringComparison.Ordinal) || l.StartsWith("reasoning=", StringComparison.Ordinal) || l.StartsWith("tool ", StringComparison.Ordinal))
            .Select(l => l.EndsWith(" {}", StringComparison.Ordinal) ? l[..^3] : l.TrimEnd()));
}
