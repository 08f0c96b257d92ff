using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.UnitTests.Protocols.Transforms;

public sealed class StructuredOutputToolTests
{
    private const string ObjectSchema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    private static ChatRequest Request(string schema, params ToolDefinition[] tools)
    {
        var request = new ChatRequest { Model = "m", ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema) { SchemaJson = schema } };
        var user = new ChatMessage(ChatRole.User);
        user.Parts.Add(new TextPart("answer"));
        request.Messages.Add(user);
        request.Tools.AddRange(tools);
        return request;
    }

    private static JsonDocument WriteAsTool(ChatRequest request) =>
        JsonDocument.Parse(AnthropicRequestWriter.Write(request, new AnthropicRequestWriterOptions { StructuredOutputAsTool = true }));

    [Fact]
    public void For_RequestWithoutSchema_IsNull()
    {
        Assert.Null(StructuredOutputTool.For(new ChatRequest()));
        Assert.Null(StructuredOutputTool.For(new ChatRequest { ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject) }));
    }

    [Fact]
    public void For_NonObjectSchema_IsWrappedAndUnwrappedAgain()
    {
        var tool = StructuredOutputTool.For(Request("""{"type":"array","items":{"type":"string"}}"""))!;
        Assert.True(tool.Wrapped);
        using var schema = JsonDocument.Parse(tool.InputSchemaJson);
        Assert.Equal("array", schema.RootElement.GetProperty("properties").GetProperty("value").GetProperty("type").GetString());
        Assert.Equal("""["a","b"]""", tool.AnswerText("""{"value":["a","b"]}"""));
    }

    [Fact]
    public void For_NameTakenByARealTool_PicksAnotherName()
    {
        var tool = StructuredOutputTool.For(Request(ObjectSchema, new ToolDefinition("structured_output")))!;
        Assert.Equal("structured_output_2", tool.Name);
    }

    [Fact]
    public void Write_NoRealTools_ForcesTheAnswerToolWithoutOutputConfig()
    {
        using var json = WriteAsTool(Request(ObjectSchema));
        var root = json.RootElement;
        Assert.False(root.TryGetProperty("output_config", out _));
        Assert.Equal("structured_output", root.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("tool", root.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("structured_output", root.GetProperty("tool_choice").GetProperty("name").GetString());
    }

    [Fact]
    public void Write_RealToolsBeside_AnyToolIsRequiredAndRealToolsKept()
    {
        using var json = WriteAsTool(Request(ObjectSchema, new ToolDefinition("get_weather") { ParametersJson = ObjectSchema }));
        var root = json.RootElement;
        Assert.Equal(["get_weather", "structured_output"], root.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("any", root.GetProperty("tool_choice").GetProperty("type").GetString());
    }

    [Fact]
    public void Write_WithThinking_ToolChoiceAutoAndTheToolAskedForInTheSystemPrompt()
    {
        var request = Request(ObjectSchema);
        request.Reasoning = new ReasoningOptions { Effort = "high" };
        using var json = WriteAsTool(request);
        var root = json.RootElement;
        Assert.Equal("auto", root.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Contains("`structured_output`", root.GetProperty("system").ToString(), StringComparison.Ordinal);
        Assert.Equal("enabled", root.GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public void AnswerOf_OnlyTheAnswerToolCalled_TextAndStop()
    {
        var tool = StructuredOutputTool.For(Request(ObjectSchema))!;
        var response = new ChatResponse { FinishReason = FinishReason.ToolCalls };
        response.Message.Parts.Add(new ToolCallPart("toolu_1", "structured_output", """{"city":"Paris"}"""));
        tool.AnswerOf(response);
        Assert.Equal(FinishReason.Stop, response.FinishReason);
        Assert.Equal("""{"city":"Paris"}""", Assert.IsType<TextPart>(Assert.Single(response.Message.Parts)).Text);
    }

    [Fact]
    public void AnswerOf_RealToolCalledToo_StaysToolCalls()
    {
        var tool = StructuredOutputTool.For(Request(ObjectSchema, new ToolDefinition("get_weather")))!;
        var response = new ChatResponse { FinishReason = FinishReason.ToolCalls };
        response.Message.Parts.Add(new ToolCallPart("toolu_1", "get_weather", "{}"));
        tool.AnswerOf(response);
        Assert.Equal(FinishReason.ToolCalls, response.FinishReason);
        Assert.IsType<ToolCallPart>(Assert.Single(response.Message.Parts));
    }

    [Fact]
    public void StreamFilter_WrappedSchema_ValueArrivesUnwrappedAsOneTextDeltaBeforeTheStop()
    {
        var tool = StructuredOutputTool.For(Request("""{"type":"array","items":{"type":"string"}}"""))!;
        var inner = new ScriptedDecoder(
            new BlockStart(0, BlockKind.ToolCall, "toolu_1", "structured_output"),
            new BlockDelta(0, DeltaKind.Arguments, """{"value":["a","""),
            new BlockDelta(0, DeltaKind.Arguments, "\"b\"]}"),
            new BlockStop(0),
            new MessageDelta(FinishReason.ToolCalls),
            MessageStop.Instance);
        var filter = new StructuredOutputStreamFilter(inner, tool);
        var output = new List<StreamEvent>();
        while (!filter.Decode(default, output))
        {
        }
        Assert.Equal(
            [new BlockStart(0, BlockKind.Text), new BlockDelta(0, DeltaKind.Text, """["a","b"]"""), new BlockStop(0), new MessageDelta(FinishReason.Stop), MessageStop.Instance],
            output);
    }

    /// <summary>Hands out one scripted event per Decode call; finished after the last.</summary>
    private sealed class ScriptedDecoder(params StreamEvent[] events) : IStreamDecoder
    {
        private int _next;

        public bool Decode(in SseEvent sseEvent, List<StreamEvent> output)
        {
            output.Add(events[_next++]);
            return _next == events.Length;
        }

        public void Truncated(List<StreamEvent> output) => throw new InvalidOperationException("not truncated");
    }
}
