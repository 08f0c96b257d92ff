using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.OpenAIChat;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// The state of one upstream Responses stream. One canonical block per output item part, numbered in the order they
/// open: a message's output_text part is a Text block, a refusal part a Refusal block, a function_call item a
/// ToolCall block (arguments streamed raw as they come, never parsed), a custom_tool_call item a ToolCall block of
/// kind Custom (its free-text input as argument fragments), each reasoning summary part (and raw reasoning_text part)
/// a Reasoning block. A reasoning item's encrypted_content, known only at its output_item.done, becomes a
/// RedactedReasoning block of its own holding the blob as one Signature delta — the shape Anthropic's
/// redacted_thinking takes, so every writer already knows it; the blob stays provider-bound opaque data.
/// response.completed / response.incomplete end with MessageDelta(finish, usage) and MessageStop; response.failed and
/// error events become a <see cref="StreamError"/> with the upstream's code and message.
/// </summary>
internal sealed class ResponsesStreamParser
{
    private readonly Dictionary<string, int> _blocks = new(StringComparer.Ordinal);
    private readonly HashSet<int> _open = [];
    private readonly HashSet<int> _withFragments = [];
    private bool _started;
    private bool _sawToolCall;
    private int _nextBlock;

    /// <summary>Handles one event payload; true when the stream is over.</summary>
    public bool Apply(JsonElement root, string? eventType, List<StreamEvent> events)
    {
        string? type = TryString(root, "type") ?? eventType;
        int output = (int)(TryLong(root, "output_index") ?? 0);
        switch (type)
        {
            case "response.created" or "response.in_progress" or "response.queued":
                EnsureStarted(root.TryGetProperty("response", out var response) ? response : default, events);
                return false;
            case "response.output_item.added":
                EnsureStarted(default, events);
                ItemAdded(output, Property(root, "item"), events);
                return false;
            case "response.content_part.added":
                PartAdded(output, root, events);
                return false;
            case "response.output_text.delta":
                Fragment(Block(PartKey(output, root), BlockKind.Text, events), DeltaKind.Text, TryString(root, "delta"), events);
                return false;
            case "response.refusal.delta":
                Fragment(Block(PartKey(output, root), BlockKind.Refusal, events), DeltaKind.Refusal, TryString(root, "delta"), events);
                return false;
            case "response.content_part.done":
                Close(PartKey(output, root), events);
                return false;
            case "response.function_call_arguments.delta" or "response.custom_tool_call_input.delta":
                Fragment(Block(CallKey(output), BlockKind.ToolCall, events), DeltaKind.Arguments, TryString(root, "delta"), events);
                return false;
            case "response.function_call_arguments.done" or "response.custom_tool_call_input.done":
                CallDone(output, TryString(root, "arguments") ?? TryString(root, "input"), events);
                return false;
            case "response.reasoning_summary_part.added":
                Fragment(Block(SummaryKey(output, root), BlockKind.Reasoning, events), DeltaKind.Reasoning, TryString(Property(root, "part"), "text"), events);
                return false;
            case "response.reasoning_summary_text.delta":
                Fragment(Block(SummaryKey(output, root), BlockKind.Reasoning, events), DeltaKind.Reasoning, TryString(root, "delta"), events);
                return false;
            case "response.reasoning_summary_part.done":
                Close(SummaryKey(output, root), events);
                return false;
            case "response.reasoning_text.delta":
                Fragment(Block(output + ":r" + TryLong(root, "content_index"), BlockKind.Reasoning, events), DeltaKind.Reasoning, TryString(root, "delta"), events);
                return false;
            case "response.output_item.done":
                ItemDone(output, Property(root, "item"), events);
                return false;
            case "response.completed" or "response.incomplete":
                Finish(Property(root, "response"), events);
                return true;
            case "response.failed":
                events.Add(Failed(Property(Property(root, "response"), "error")));
                return true;
            case "error":
                events.Add(Failed(root.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root));
                return true;
            default:
                return false; // text.done events (the deltas said it all), annotations, hosted-tool progress, later additions
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string PartKey(int output, JsonElement root) => output + ":c" + TryLong(root, "content_index");

    private static string SummaryKey(int output, JsonElement root) => output + ":s" + TryLong(root, "summary_index");

    private static string CallKey(int output) => output + ":call";

    private void EnsureStarted(JsonElement response, List<StreamEvent> events)
    {
        if (_started)
        {
            return;
        }
        _started = true;
        events.Add(new MessageStart(TryString(response, "id"), TryString(response, "model"), TryLong(response, "created_at")));
    }

    private void ItemAdded(int output, JsonElement item, List<StreamEvent> events)
    {
        string? type = TryString(item, "type");
        if (type is not ("function_call" or "custom_tool_call"))
        {
            return; // message and reasoning items open blocks per part; hosted-tool items have no canonical block
        }
        bool custom = type == "custom_tool_call";
        int block = Open(CallKey(output), new BlockStart(_nextBlock, BlockKind.ToolCall, TryString(item, "call_id"), TryString(item, "name"))
        {
            ToolKind = custom ? ToolKind.Custom : ToolKind.Function,
        }, events);
        Fragment(block, DeltaKind.Arguments, TryString(item, custom ? "input" : "arguments"), events);
    }

    private void PartAdded(int output, JsonElement root, List<StreamEvent> events)
    {
        var part = Property(root, "part");
        switch (TryString(part, "type"))
        {
            case "output_text":
                Fragment(Block(PartKey(output, root), BlockKind.Text, events), DeltaKind.Text, TryString(part, "text"), events);
                break;
            case "refusal":
                Fragment(Block(PartKey(output, root), BlockKind.Refusal, events), DeltaKind.Refusal, TryString(part, "refusal"), events);
                break;
        }
    }

    /// <summary>The block for a key, opened now when its opening event never came (a lenient upstream).</summary>
    private int Block(string key, BlockKind kind, List<StreamEvent> events) =>
        _blocks.TryGetValue(key, out int block) ? block : Open(key, new BlockStart(_nextBlock, kind), events);

    private int Open(string key, BlockStart start, List<StreamEvent> events)
    {
        if (_blocks.TryGetValue(key, out int existing))
        {
            return existing;
        }
        _blocks[key] = start.Index;
        _open.Add(start.Index);
        _nextBlock = start.Index + 1;
        _sawToolCall |= start.Kind == BlockKind.ToolCall;
        events.Add(start);
        return start.Index;
    }

    private void Fragment(int block, DeltaKind kind, string? fragment, List<StreamEvent> events)
    {
        if (!string.IsNullOrEmpty(fragment) && _open.Contains(block))
        {
            _withFragments.Add(block);
            events.Add(new BlockDelta(block, kind, fragment));
        }
    }

    private void Close(string key, List<StreamEvent> events)
    {
        if (_blocks.TryGetValue(key, out int block) && _open.Remove(block))
        {
            events.Add(new BlockStop(block));
        }
    }

    /// <summary>A done event carries the whole arguments; they are sent only when no delta brought them.</summary>
    private void CallDone(int output, string? arguments, List<StreamEvent> events)
    {
        int block = Block(CallKey(output), BlockKind.ToolCall, events);
        if (!_withFragments.Contains(block))
        {
            Fragment(block, DeltaKind.Arguments, arguments, events);
        }
    }

    private void ItemDone(int output, JsonElement item, List<StreamEvent> events)
    {
        string? type = TryString(item, "type");
        if (type is "function_call" or "custom_tool_call")
        {
            if (!_blocks.ContainsKey(CallKey(output)))
            {
                ItemAdded(output, item, events); // its added event was missed: open the call here, with the whole arguments
            }
            CallDone(output, TryString(item, type == "custom_tool_call" ? "input" : "arguments"), events);
        }
        string prefix = output + ":";
        foreach (var (key, block) in _blocks)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && _open.Remove(block))
            {
                events.Add(new BlockStop(block));
            }
        }
        if (type == "reasoning" && TryString(item, "encrypted_content") is { Length: > 0 } encrypted)
        {
            int block = Open(output + ":encrypted", new BlockStart(_nextBlock, BlockKind.RedactedReasoning), events);
            Fragment(block, DeltaKind.Signature, encrypted, events);
            Close(output + ":encrypted", events);
        }
    }

    private void Finish(JsonElement response, List<StreamEvent> events)
    {
        EnsureStarted(response, events);
        foreach (int block in _open.Order())
        {
            events.Add(new BlockStop(block));
        }
        _open.Clear();
        string? reason = TryString(Property(response, "incomplete_details"), "reason");
        var finish = ResponsesStatus.Read(TryString(response, "status") ?? "completed", reason, _sawToolCall);
        var usage = Property(response, "usage");
        events.Add(new MessageDelta(finish, usage.ValueKind == JsonValueKind.Object ? ResponsesUsageJson.Read(usage) : null));
        events.Add(MessageStop.Instance);
    }

    /// <summary>An upstream failure in OpenAI's words: response.error {code, message} or an error event {code, message, param}.</summary>
    private static StreamError Failed(JsonElement error)
    {
        var info = error.ValueKind == JsonValueKind.Object ? OpenAIErrorReader.Read(error) : new OpenAIErrorInfo("The upstream failed the response.", null, null, null);
        var kind = info.Code is "rate_limit_exceeded" ? ErrorKind.RateLimited : ErrorKind.UpstreamError;
        return new StreamError(new GatewayError(kind, kind == ErrorKind.RateLimited ? 429 : 502, info.Message)
        {
            Type = info.Type == "error" ? null : info.Type, // an error event's own "type" names the event, not the error
            Code = info.Code,
            Param = info.Param,
        });
    }
}
