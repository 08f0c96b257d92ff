using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// The state of one upstream Messages stream. Anthropic's blocks map one to one onto canonical blocks (same
/// indexes); a redacted_thinking block's opaque data travels as a <see cref="DeltaKind.Signature"/> delta of a
/// <see cref="BlockKind.RedactedReasoning"/> block. Server tool blocks (server_tool_use, web_search_tool_result…) and
/// deltas such as citations_delta travel raw (<see cref="RawBlockStart"/>, <see cref="RawDelta"/>): an Anthropic
/// writer replays them, the others skip them. Usage is accumulated: message_start gives the
/// input side, message_delta the final counts (older API versions send only output_tokens there, so the input side
/// is carried over). Tool-input fragments and signatures stay raw strings.
/// </summary>
internal sealed class AnthropicStreamParser
{
    private readonly AnthropicUsage _usage = new();

    /// <summary>Handles one data payload; true when the stream ends (message_stop or an error).</summary>
    public bool Apply(ReadOnlyMemory<byte> data, List<StreamEvent> events)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            events.Add(new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream sent a malformed stream event.")));
            return true;
        }
        using (document)
        {
            return Apply(document.RootElement, events);
        }
    }

    private bool Apply(JsonElement root, List<StreamEvent> events)
    {
        switch (AnthropicJsonRead.TryString(root, "type"))
        {
            case "message_start":
                Start(root.TryGetProperty("message", out var message) ? message : default, events);
                return false;
            case "content_block_start":
                StartBlock(Index(root), root.TryGetProperty("content_block", out var block) ? block : default, events);
                return false;
            case "content_block_delta":
                Delta(Index(root), root.TryGetProperty("delta", out var delta) ? delta : default, events);
                return false;
            case "content_block_stop":
                events.Add(new BlockStop(Index(root)));
                return false;
            case "message_delta":
                MessageDelta(root, events);
                return false;
            case "message_stop":
                events.Add(MessageStop.Instance);
                return true;
            case "error":
                events.Add(ToStreamError(root));
                return true;
            default:
                return false; // ping, skipped blocks, event types added after this codec
        }
    }

    private static int Index(JsonElement root) =>
        root.TryGetProperty("index", out var index) && index.TryGetInt64Safe(out long value) ? (int)value : 0;

    private void Start(JsonElement message, List<StreamEvent> events)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            events.Add(new MessageStart(null, null));
            return;
        }
        JsonExtensions? extensions = null;
        foreach (var property in message.EnumerateObject())
        {
            if (property.Name is "usage")
            {
                _usage.Apply(property.Value);
            }
            else if (property.Name is not ("id" or "type" or "role" or "model" or "content" or "stop_reason" or "stop_sequence")
                && property.Value.ValueKind != JsonValueKind.Null)
            {
                AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        events.Add(new MessageStart(AnthropicJsonRead.TryString(message, "id"), AnthropicJsonRead.TryString(message, "model"), null, _usage.ToUsage())
        {
            Extensions = extensions,
        });
    }

    private static void StartBlock(int index, JsonElement block, List<StreamEvent> events)
    {
        switch (AnthropicJsonRead.TryString(block, "type"))
        {
            case "text":
                events.Add(new BlockStart(index, BlockKind.Text));
                Fragment(index, DeltaKind.Text, AnthropicJsonRead.TryString(block, "text"), events);
                break;
            case "thinking":
                events.Add(new BlockStart(index, BlockKind.Reasoning));
                Fragment(index, DeltaKind.Reasoning, AnthropicJsonRead.TryString(block, "thinking"), events);
                Fragment(index, DeltaKind.Signature, AnthropicJsonRead.TryString(block, "signature"), events);
                break;
            case "redacted_thinking":
                events.Add(new BlockStart(index, BlockKind.RedactedReasoning));
                Fragment(index, DeltaKind.Signature, AnthropicJsonRead.TryString(block, "data"), events);
                break;
            case "tool_use":
                events.Add(new BlockStart(index, BlockKind.ToolCall, AnthropicJsonRead.TryString(block, "id"), AnthropicJsonRead.TryString(block, "name")));
                if (block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any())
                {
                    events.Add(new BlockDelta(index, DeltaKind.Arguments, input.GetRawText())); // a complete input sent up front
                }
                break;
            default:
                events.Add(new RawBlockStart(index, WireProtocol.Anthropic, block.GetRawText()));
                break;
        }
    }

    private static void Delta(int index, JsonElement delta, List<StreamEvent> events)
    {
        switch (AnthropicJsonRead.TryString(delta, "type"))
        {
            case "text_delta":
                Fragment(index, DeltaKind.Text, AnthropicJsonRead.TryString(delta, "text"), events);
                break;
            case "input_json_delta":
                Fragment(index, DeltaKind.Arguments, AnthropicJsonRead.TryString(delta, "partial_json"), events);
                break;
            case "thinking_delta":
                Fragment(index, DeltaKind.Reasoning, AnthropicJsonRead.TryString(delta, "thinking"), events);
                break;
            case "signature_delta":
                Fragment(index, DeltaKind.Signature, AnthropicJsonRead.TryString(delta, "signature"), events);
                break;
            default:
                if (delta.ValueKind == JsonValueKind.Object)
                {
                    events.Add(new RawDelta(index, WireProtocol.Anthropic, delta.GetRawText())); // citations_delta and the like
                }
                break;
        }
    }

    private static void Fragment(int index, DeltaKind kind, string? fragment, List<StreamEvent> events)
    {
        if (!string.IsNullOrEmpty(fragment))
        {
            events.Add(new BlockDelta(index, kind, fragment));
        }
    }

    private void MessageDelta(JsonElement root, List<StreamEvent> events)
    {
        FinishReason? finish = null;
        string? stopSequence = null;
        if (root.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
        {
            finish = AnthropicJsonRead.TryString(delta, "stop_reason") is { } raw ? AnthropicStopReasons.Read(raw) : null;
            stopSequence = AnthropicJsonRead.TryString(delta, "stop_sequence");
        }
        bool hasUsage = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object;
        if (hasUsage)
        {
            _usage.Apply(usage);
        }
        events.Add(new MessageDelta(finish, hasUsage ? _usage.ToUsage() : null, stopSequence));
    }

    /// <summary>An in-stream error event: overloaded_error is Overloaded/529 and so on, with the upstream's words.</summary>
    internal static StreamError ToStreamError(JsonElement root)
    {
        var error = AnthropicErrorReader.Read(root, 0);
        var parsed = AnthropicErrorTypes.Parse(error.Type);
        return new StreamError(error with { Status = parsed?.Status ?? 502, Kind = parsed?.Kind ?? ErrorKind.UpstreamError });
    }
}
