using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.UnitTests.Protocols.Transforms;

public sealed class CustomToolBridgeTests
{
    private const string Patch = "*** Begin Patch\n+\"quoted\" \\ backslash\n*** End Patch\n";

    private static ChatRequest WithCustomTool()
    {
        var request = new ChatRequest();
        request.Tools.Add(new ToolDefinition("apply_patch")
        {
            Kind = ToolKind.Custom,
            RawDefinitionJson = """{"type":"custom","name":"apply_patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}}""",
        });
        request.Tools.Add(new ToolDefinition("shell") { ParametersJson = """{"type":"object"}""" });
        var assistant = new ChatMessage(ChatRole.Assistant);
        assistant.Parts.Add(new ToolCallPart("call_1", "apply_patch", Patch) { Kind = ToolKind.Custom });
        request.Messages.Add(assistant);
        return request;
    }

    [Fact]
    public void Apply_CustomToolsAndCalls_BecomeOneStringFunctions()
    {
        var request = WithCustomTool();
        var bridged = CustomToolBridge.Apply(request);

        Assert.Equal(["apply_patch"], bridged);
        var tool = request.Tools[0];
        Assert.Equal(ToolKind.Function, tool.Kind);
        using var schema = JsonDocument.Parse(tool.ParametersJson!);
        Assert.Contains("lark", schema.RootElement.GetProperty("properties").GetProperty("input").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(ToolKind.Function, request.Tools[1].Kind);
        var call = (ToolCallPart)request.Messages[0].Parts[0];
        Assert.Equal(ToolKind.Function, call.Kind);
        Assert.Equal(Patch, CustomToolBridge.UnwrapInput(call.ArgumentsJson));
    }

    [Fact]
    public void Apply_NoCustomTools_LeavesTheRequestAlone()
    {
        var request = new ChatRequest();
        request.Tools.Add(new ToolDefinition("shell"));
        Assert.Empty(CustomToolBridge.Apply(request));
        Assert.Null(request.Tools[0].ParametersJson);
    }

    [Fact]
    public void Restore_BridgedCall_IsCustomWithRawInput()
    {
        var response = new ChatResponse();
        response.Message.Parts.Add(new ToolCallPart("c", "apply_patch", CustomToolBridge.WrapInput(Patch)));
        response.Message.Parts.Add(new ToolCallPart("d", "shell", """{"input":"ls"}"""));
        CustomToolBridge.Restore(response, new HashSet<string> { "apply_patch" });
        var patch = (ToolCallPart)response.Message.Parts[0];
        Assert.Equal((ToolKind.Custom, Patch), (patch.Kind, patch.ArgumentsJson));
        Assert.Equal(ToolKind.Function, ((ToolCallPart)response.Message.Parts[1]).Kind);
    }

    [Fact]
    public void StreamFilter_FragmentsSplitInsideAnEscape_OneRawInputFragmentAtTheStop()
    {
        string wrapped = CustomToolBridge.WrapInput(Patch);
        int cut = wrapped.IndexOf('\\', StringComparison.Ordinal) + 1; // between a backslash and what it escapes
        var inner = new Scripted(
            new BlockStart(0, BlockKind.ToolCall, "c", "apply_patch"),
            new BlockDelta(0, DeltaKind.Arguments, wrapped[..cut]),
            new BlockDelta(0, DeltaKind.Arguments, wrapped[cut..]),
            new BlockStop(0),
            MessageStop.Instance);
        var filter = new CustomToolStreamFilter(inner, new HashSet<string> { "apply_patch" });
        var output = new List<StreamEvent>();
        while (!filter.Decode(default, output))
        {
        }
        Assert.Equal(ToolKind.Custom, Assert.IsType<BlockStart>(output[0]).ToolKind);
        Assert.Equal(new BlockDelta(0, DeltaKind.Arguments, Patch), output[1]);
        Assert.Equal(new BlockStop(0), output[2]);
    }

    private sealed class Scripted(params StreamEvent[] events) : IStreamDecoder
    {
        private int _next;

        public bool Decode(in SseEvent sseEvent, List<StreamEvent> output)
        {
            output.Add(events[_next++]);
            return _next == events.Length;
        }

        public void Truncated(List<StreamEvent> output) => throw new InvalidOperationException();
    }
}
