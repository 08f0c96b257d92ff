using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// The state of one upstream stream: which canonical block is open and which block each tool_calls[index] owns.
/// Blocks are sequential — a new kind of content closes the open block — because that is what block-based
/// protocols (Anthropic) need; a late fragment for an already closed tool call still goes to that call's index.
/// </summary>
internal sealed class OpenAIChatChunkParser
{
    private const int LegacyToolIndex = -1;

    private readonly Dictionary<int, int> _toolBlocks = [];
    private bool _started;
    private int _nextBlock;
    private int _openBlock = -1;
    private BlockKind _openKind;

    /// <summary>Handles one data payload; true when the stream must end (an error).</summary>
    public bool Apply(ReadOnlyMemory<byte> data, List<StreamEvent> events)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            events.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream sent a malformed stream chunk.")));
            return true;
        }
        using (document)
        {
            return Apply(document.RootElement, events);
        }
    }

    /// <summary>"data: [DONE]": closes what is open and stops the message.</summary>
    public bool Done(List<StreamEvent> events)
    {
        EnsureStarted(default, events);
        CloseOpen(events);
        events.Add(MessageStop.Instance);
        return true;
    }

    private bool Apply(JsonElement root, List<StreamEvent> events)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            events.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream sent a stream chunk that is not an object.")));
            return true;
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            events.Add(OpenAIChatStreamReader.ToStreamError(root));
            return true;
        }
        EnsureStarted(root, events);
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind == JsonValueKind.Object && IsFirstChoice(choice))
                {
                    ApplyChoice(choice, events);
                }
            }
        }
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            events.Add(new MessageDelta(Usage: OpenAIUsageJson.Read(usage)));
        }
        return false;
    }

    private static bool IsFirstChoice(JsonElement choice) =>
        !choice.TryGetProperty("index", out var index) || (index.TryGetInt64Safe(out long value) && value == 0);

    private void EnsureStarted(JsonElement root, List<StreamEvent> events)
    {
        if (_started)
        {
            return;
        }
        _started = true;
        if (root.ValueKind != JsonValueKind.Object)
        {
            events.Add(new MessageStart(null, null));
            return;
        }
        JsonExtensions? extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("id" or "object" or "created" or "model" or "choices" or "usage" or "obfuscation"))
            {
                JsonRead.Keep(ref extensions, property.Name, property.Value); // service_tier, system_fingerprint
            }
        }
        string? id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        string? model = root.TryGetProperty("model", out var modelValue) && modelValue.ValueKind == JsonValueKind.String ? modelValue.GetString() : null;
        long? created = root.TryGetProperty("created", out var createdValue) && createdValue.TryGetInt64Safe(out long c) ? c : null;
        events.Add(new MessageStart(id, model, created) { Extensions = extensions });
    }

    private void ApplyChoice(JsonElement choice, List<StreamEvent> events)
    {
        if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
        {
            ApplyDelta(delta, events);
        }
        if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
        {
            CloseOpen(events);
            events.Add(new MessageDelta(OpenAIFinishReasons.Read(finish.GetString()!)));
        }
    }

    private void ApplyDelta(JsonElement delta, List<StreamEvent> events)
    {
        // DeepSeek and vLLM say reasoning_content, OpenRouter says reasoning; both are visible reasoning text.
        AppendText(delta, "reasoning_content", BlockKind.Reasoning, DeltaKind.Reasoning, events);
        AppendText(delta, "reasoning", BlockKind.Reasoning, DeltaKind.Reasoning, events);
        AppendText(delta, "content", BlockKind.Text, DeltaKind.Text, events);
        AppendText(delta, "refusal", BlockKind.Refusal, DeltaKind.Refusal, events);
        if (delta.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                ApplyToolCall(call, events);
            }
        }
        if (delta.TryGetProperty("function_call", out var functionCall) && functionCall.ValueKind == JsonValueKind.Object)
        {
            ApplyCall(LegacyToolIndex, null, "function", functionCall, events);
        }
    }

    private void AppendText(JsonElement delta, string name, BlockKind kind, DeltaKind deltaKind, List<StreamEvent> events)
    {
        if (!delta.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            return;
        }
        if (_openBlock < 0 || _openKind != kind)
        {
            Open(new BlockStart(_nextBlock, kind), events);
        }
        events.Add(new BlockDelta(_openBlock, deltaKind, text));
    }

    private void ApplyToolCall(JsonElement call, List<StreamEvent> events)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        int index = call.TryGetProperty("index", out var indexValue) && indexValue.TryGetInt64Safe(out long i) ? (int)i : NextToolIndex(call);
        string? id = call.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        string type = call.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString()! : "function";
        string innerName = call.TryGetProperty("custom", out _) ? "custom" : type;
        if (call.TryGetProperty(innerName, out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            ApplyCall(index, id, innerName, inner, events);
        }
        else if (!_toolBlocks.ContainsKey(index) && id is not null)
        {
            ApplyCall(index, id, innerName, default, events);
        }
    }

    /// <summary>A call without an index (some compatible servers omit it): a new call when it brings an id, else the last one.</summary>
    private int NextToolIndex(JsonElement call)
    {
        int last = _toolBlocks.Count == 0 ? -1 : _toolBlocks.Keys.Max();
        return call.TryGetProperty("id", out _) ? last + 1 : Math.Max(last, 0);
    }

    private void ApplyCall(int index, string? id, string type, JsonElement inner, List<StreamEvent> events)
    {
        string? name = inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("name", out var nameValue) && nameValue.ValueKind == JsonValueKind.String
            ? nameValue.GetString()
            : null;
        if (!_toolBlocks.TryGetValue(index, out int block))
        {
            block = _nextBlock;
            _toolBlocks[index] = block;
            Open(new BlockStart(block, BlockKind.ToolCall, id, name)
            {
                ToolKind = type == "custom" ? ToolKind.Custom : ToolKind.Function,
                LegacyFunctionCall = index == LegacyToolIndex,
            }, events);
        }
        string payloadName = type == "custom" ? "input" : "arguments";
        if (inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty(payloadName, out var payload)
            && payload.ValueKind == JsonValueKind.String && payload.GetString() is { Length: > 0 } fragment)
        {
            events.Add(new BlockDelta(block, DeltaKind.Arguments, fragment));
        }
    }

    private void Open(BlockStart start, List<StreamEvent> events)
    {
        CloseOpen(events);
        _openBlock = start.Index;
        _openKind = start.Kind;
        _nextBlock = start.Index + 1;
        events.Add(start);
    }

    private void CloseOpen(List<StreamEvent> events)
    {
        if (_openBlock >= 0)
        {
            events.Add(new BlockStop(_openBlock));
            _openBlock = -1;
        }
    }
}
