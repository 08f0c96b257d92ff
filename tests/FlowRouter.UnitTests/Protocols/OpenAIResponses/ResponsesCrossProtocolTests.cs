using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.TestKit;
using FlowRouter.UnitTests.Protocols.Anthropic;
using FlowRouter.UnitTests.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

public sealed class ResponsesCrossProtocolTests
{
    [Fact]
    public void ToChat_StatelessToolHistory_BecomesToolCallsAndToolMessage()
    {
        var request = ResponsesRequestReader.Read(ResponsesFixtureData.Load("function-call-output-stateless").RequestBody);

        using var chat = JsonDocument.Parse(OpenAIChatRequestWriter.Write(request));

        var messages = chat.RootElement.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        var call = messages[1].GetProperty("tool_calls")[0];
        Assert.Equal("call_nJmCK7SJe3ajdYYplIbH0KgL", call.GetProperty("id").GetString());
        Assert.Equal("multiply", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"a\": 1231, \"b\": 2331}", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("call_nJmCK7SJe3ajdYYplIbH0KgL", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("2869461", messages[2].GetProperty("content").GetString());
        Assert.Equal("low", chat.RootElement.GetProperty("reasoning_effort").GetString());
        Assert.Equal("multiply", chat.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.False(chat.RootElement.TryGetProperty("store", out _)); // Responses' own fields stay behind
        Assert.False(chat.RootElement.TryGetProperty("include", out _));
    }

    [Fact]
    public void ToAnthropic_InstructionsAndToolHistory_BecomeSystemAndToolResult()
    {
        var request = ResponsesRequestReader.Read("""
            {"model":"gpt-5","instructions":"Answer tersely.","max_output_tokens":300,"input":[
              {"role":"user","content":"What is 2*3?"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAA"},
              {"type":"function_call","id":"fc_1","call_id":"call_1","name":"multiply","arguments":"{\"a\":2,\"b\":3}"},
              {"type":"function_call_output","call_id":"call_1","output":"6"}],
             "tools":[{"type":"function","name":"multiply","parameters":{"type":"object"},"strict":true}],"tool_choice":"required"}
            """u8.ToArray());

        using var document = JsonDocument.Parse(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { Model = "claude-sonnet-4-5", TargetProvider = "anthropic" }));

        var root = document.RootElement;
        AnthropicRequestAssert.Valid(root);
        Assert.Equal("Answer tersely.", root.GetProperty("system").GetString());
        Assert.Equal(300, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal("any", root.GetProperty("tool_choice").GetProperty("type").GetString());
        var messages = root.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal(1, messages[1].GetProperty("content").GetArrayLength()); // the Responses reasoning blob is no redacted_thinking
        var toolUse = messages[1].GetProperty("content")[0];
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal("""{"a":2,"b":3}""", toolUse.GetProperty("input").GetRawText());
        var result = messages[2].GetProperty("content")[0];
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal(toolUse.GetProperty("id").GetString(), result.GetProperty("tool_use_id").GetString());
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void FromChat_FixtureRequest_IsAResponsesRequest(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        var request = OpenAIChatRequestReader.Read(body);

        byte[] written = ResponsesRequestWriter.Write(request, new ResponsesRequestWriterOptions { Model = "gpt-5" });

        using var document = JsonDocument.Parse(written);
        var root = document.RootElement;
        ResponsesRequestAssert.Valid(root);
        Assert.Equal(request.Messages.Count(m => m.Role != ChatRole.Tool) + request.Messages.SelectMany(m => m.Parts).Count(p => p is ToolCallPart or ToolResultPart)
            - request.Messages.Count(m => m.Role == ChatRole.Assistant && !m.Parts.Exists(p => p is TextPart or RefusalPart)),
            root.GetProperty("input").GetArrayLength());
        var reread = ResponsesRequestReader.Read(written); // what we send, we can read back
        Assert.Equal(request.Tools.Count(t => t.Kind != ToolKind.Hosted), reread.Tools.Count);
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.AllCases), MemberType = typeof(AnthropicFixtureData))]
    public void FromAnthropic_FixtureRequest_IsAResponsesRequest(string name)
    {
        byte[] body = AnthropicFixtureData.Load(name).RequestBody;
        var request = AnthropicRequestReader.Read(body);

        byte[] written = ResponsesRequestWriter.Write(request, new ResponsesRequestWriterOptions { Model = "gpt-5" });

        using var document = JsonDocument.Parse(written);
        var root = document.RootElement;
        ResponsesRequestAssert.Valid(root);
        Assert.Equal(request.System.Count > 0, root.TryGetProperty("instructions", out _));
        Assert.DoesNotContain("\"signature\"", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"reasoning\"", Encoding.UTF8.GetString(written), StringComparison.Ordinal); // Claude's thinking is not replayable here
        Assert.Equal(request.MaxOutputTokens, root.GetProperty("max_output_tokens").GetInt32());
        if (request.Reasoning?.BudgetTokens is { } budget)
        {
            Assert.Equal(budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high", root.GetProperty("reasoning").GetProperty("effort").GetString());
        }
    }

    [Fact]
    public void FromAnthropic_ToolResultTurn_ResultsBecomeOutputItemsBeforeText()
    {
        var request = AnthropicRequestReader.Read("""
            {"model":"claude","max_tokens":100,"system":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"messages":[
              {"role":"user","content":"hi"},
              {"role":"assistant","content":[{"type":"text","text":"calling"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"x":1}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"42"}]},{"type":"text","text":"thanks"},
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}],
             "thinking":{"type":"enabled","budget_tokens":5000}}
            """u8.ToArray());

        using var document = JsonDocument.Parse(ResponsesRequestWriter.Write(request));

        var root = document.RootElement;
        Assert.Equal("a\n\nb", root.GetProperty("instructions").GetString());
        Assert.Equal("medium", root.GetProperty("reasoning").GetProperty("effort").GetString());
        var input = root.GetProperty("input");
        Assert.Equal(["message", "message", "function_call", "function_call_output", "message"], input.EnumerateArray().Select(i => i.GetProperty("type").GetString()!));
        Assert.Equal("output_text", input[1].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("""{"x":1}""", input[2].GetProperty("arguments").GetString());
        Assert.Equal("toolu_1", input[2].GetProperty("call_id").GetString());
        Assert.Equal("42", input[3].GetProperty("output").GetString());
        Assert.Equal("data:image/png;base64,AAAA", input[4].GetProperty("content")[1].GetProperty("image_url").GetString());
        Assert.False(root.TryGetProperty("store", out _));
    }

    [Fact]
    public void FromChat_NonStrictFunctionWithoutSchema_IsWrittenNonStrictWithEmptySchema()
    {
        var request = OpenAIChatRequestReader.Read("""{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"max_completion_tokens":5,"stop":["x"],"seed":1}"""u8.ToArray());

        using var document = JsonDocument.Parse(ResponsesRequestWriter.Write(request, new ResponsesRequestWriterOptions { StoreFalseByDefault = true }));

        var tool = document.RootElement.GetProperty("tools")[0];
        Assert.False(tool.GetProperty("strict").GetBoolean());
        Assert.Equal("object", tool.GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal(ResponsesRequestWriter.MinOutputTokens, document.RootElement.GetProperty("max_output_tokens").GetInt32());
        Assert.False(document.RootElement.GetProperty("store").GetBoolean());
        Assert.False(document.RootElement.TryGetProperty("stop", out _));
        Assert.False(document.RootElement.TryGetProperty("seed", out _));
    }

    [Fact]
    public void ToResponses_ReasoningOfAnotherModel_IsNotReplayed()
    {
        var request = ResponsesRequestReader.Read("""{"model":"m","input":[{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"blob"}]}"""u8.ToArray());
        ((ReasoningPart)request.Messages[0].Parts[0]).OriginModel = "gpt-5";

        string sameModel = Encoding.UTF8.GetString(ResponsesRequestWriter.Write(request, new ResponsesRequestWriterOptions { TargetModel = "gpt-5" }));
        string otherModel = Encoding.UTF8.GetString(ResponsesRequestWriter.Write(request, new ResponsesRequestWriterOptions { TargetModel = "o3" }));

        Assert.Contains("\"encrypted_content\":\"blob\"", sameModel, StringComparison.Ordinal);
        Assert.DoesNotContain("blob", otherModel, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.StreamCases), MemberType = typeof(OpenAIChatFixtureData))]
    public async Task StreamWriter_ChatFixture_WritesValidResponsesEvents(string name)
    {
        var events = await OpenAIChatStreamTests.ReadAll(new MemoryStream(OpenAIChatFixtureData.Load(name).ResponseBody));

        await AssertResponsesStream(events);
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.StreamCases), MemberType = typeof(AnthropicFixtureData))]
    public async Task StreamWriter_AnthropicFixture_WritesValidResponsesEvents(string name)
    {
        var events = new List<StreamEvent>();
        await foreach (var e in AnthropicStreamReader.ReadAsync(new MemoryStream(AnthropicFixtureData.Load(name).ResponseBody), CancellationToken.None))
        {
            events.Add(e);
        }

        await AssertResponsesStream(events);
    }

    [Fact]
    public async Task StreamWriter_ChatParallelCalls_AreSeparateItemsWithFullArguments()
    {
        var events = await OpenAIChatStreamTests.ReadAll(new MemoryStream(OpenAIChatFixtureData.Load("stream-parallel-tool-calls").ResponseBody));

        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(ResponsesStreamTests.WriteAll(events, new ResponsesResponseWriterOptions { Model = "alias" })));

        var done = frames.Where(f => f.Type == "response.output_item.done").Select(f => f.Data.GetProperty("item")).ToList();
        Assert.Equal(2, done.Count);
        Assert.Equal(["call_M26z19sncd7b4LBgzKRRbaUE", "call_KPXe5NX7IcKkaBUhc6dto2QV"], done.Select(i => i.GetProperty("call_id").GetString()!));
        Assert.Equal("{\"password\": \"mellon\"}", done[0].GetProperty("arguments").GetString());
        Assert.Equal([0, 1], frames.Where(f => f.Type == "response.output_item.added").Select(f => f.Data.GetProperty("output_index").GetInt32()));
        var completed = frames[^1].Data.GetProperty("response");
        Assert.Equal("alias", completed.GetProperty("model").GetString());
        Assert.True(completed.GetProperty("usage").GetProperty("input_tokens").GetInt64() > 0);
    }

    [Fact]
    public async Task StreamWriter_AnthropicThinkingThenText_ReasoningItemThenOneMessageItem()
    {
        var events = new List<StreamEvent>();
        await foreach (var e in AnthropicStreamReader.ReadAsync(new MemoryStream(AnthropicFixtureData.Load("thinking-stream").ResponseBody), CancellationToken.None))
        {
            events.Add(e);
        }

        string written = Encoding.UTF8.GetString(ResponsesStreamTests.WriteAll(events, new ResponsesResponseWriterOptions()));
        var frames = ResponsesSseAssert.Valid(written);

        var items = frames[^1].Data.GetProperty("response").GetProperty("output");
        Assert.Equal(["reasoning", "message"], items.EnumerateArray().Select(i => i.GetProperty("type").GetString()!));
        Assert.False(items[0].TryGetProperty("encrypted_content", out _)); // a thinking signature is no Responses blob
        string thinking = string.Concat(events.OfType<BlockDelta>().Where(d => d.Kind == DeltaKind.Reasoning).Select(d => d.Fragment));
        Assert.Equal(thinking, items[0].GetProperty("summary")[0].GetProperty("text").GetString());
        var usage = events.OfType<MessageDelta>().Last(m => m.Usage is not null).Usage!;
        Assert.Equal(usage.OutputTokens, frames[^1].Data.GetProperty("response").GetProperty("usage").GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void StreamWriter_AdjacentTextBlocks_ShareOneMessageItem()
    {
        StreamEvent[] events =
        [
            new MessageStart("msg_1", "claude"),
            new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, "Hello "), new BlockStop(0),
            new BlockStart(1, BlockKind.Text), new BlockDelta(1, DeltaKind.Text, "world"), new BlockStop(1),
            new BlockStart(2, BlockKind.ToolCall, "toolu_1", "f"), new BlockDelta(2, DeltaKind.Arguments, "{}"), new BlockStop(2),
            new BlockStart(3, BlockKind.Text), new BlockDelta(3, DeltaKind.Text, "after"), new BlockStop(3),
            new MessageDelta(FinishReason.ToolCalls), MessageStop.Instance,
        ];

        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(ResponsesStreamTests.WriteAll(events, new ResponsesResponseWriterOptions())));

        var output = frames[^1].Data.GetProperty("response").GetProperty("output");
        Assert.Equal(["message", "function_call", "message"], output.EnumerateArray().Select(i => i.GetProperty("type").GetString()!));
        Assert.Equal(2, output[0].GetProperty("content").GetArrayLength());
        Assert.Equal([0, 1], frames.Where(f => f.Type == "response.content_part.added").Take(2).Select(f => f.Data.GetProperty("content_index").GetInt32()));
        Assert.Equal("response.completed", frames[^1].Type);
    }

    private static async Task AssertResponsesStream(List<StreamEvent> events)
    {
        byte[] written = ResponsesStreamTests.WriteAll(events, new ResponsesResponseWriterOptions());
        var frames = ResponsesSseAssert.Valid(Encoding.UTF8.GetString(written));
        var reread = await ResponsesStreamTests.ReadAll(new MemoryStream(written));

        Assert.Equal(Visible(StreamEventText.Accumulate(events)), Visible(StreamEventText.Accumulate(reread)));
        var usage = events.OfType<MessageDelta>().LastOrDefault(m => m.Usage is not null)?.Usage;
        var completed = frames[^1].Data.GetProperty("response");
        if (usage is not null)
        {
            Assert.Equal(usage.InputTokens, completed.GetProperty("usage").GetProperty("input_tokens").GetInt64());
            Assert.Equal(usage.OutputTokens, completed.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        }
    }

    /// <summary>What a Responses client sees: finish words differ by protocol (stop_sequence is a completed answer here).</summary>
    private static string Visible(string accumulated) =>
        string.Join('\n', accumulated.Split('\n').Where(l => !l.StartsWith("finish=", StringComparison.Ordinal) && !l.StartsWith("usage=", StringComparison.Ordinal)));
}
