using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes canonical stream events as Anthropic's event sequence, one call per event so the caller can flush per event:
/// message_start (id, model, usage so far), then per block content_block_start / content_block_delta… /
/// content_block_stop with wire indexes 0, 1, … in the order blocks start, and at MessageStop one message_delta
/// (stop_reason, stop_sequence and the final usage, merged from every MessageDelta — OpenAI sends usage after the
/// finish reason) followed by message_stop. Anthropic allows one open block at a time, so a block starting while
/// another is open closes it first; a fragment for an already closed block cannot be sent and is dropped. A
/// redacted_thinking block carries its data in content_block_start, so it is held until its BlockStop. A StreamError
/// writes the in-stream "error" event and ends the stream.
/// </summary>
public sealed class AnthropicStreamWriter : IStreamEncoder
{
    private readonly AnthropicResponseWriterOptions _options;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, (int Wire, BlockKind Kind)> _blocks = [];
    private readonly StringBuilder _redacted = new();
    private bool _started;
    private int _open = -1;
    private int _pendingRedacted = -1;
    private FinishReason? _finish;
    private string? _stopSequence;
    private Usage? _usage;
    private bool _sawToolUse;

    public AnthropicStreamWriter(AnthropicResponseWriterOptions? options = null)
    {
        _options = options ?? new AnthropicResponseWriterOptions();
        _json = new Utf8JsonWriter(_payload, AnthropicJsonOptions.Writer);
    }

    /// <summary>True once message_stop or an error event was written; later events are ignored.</summary>
    public bool IsFinished { get; private set; }

    public void Write(StreamEvent streamEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        if (IsFinished)
        {
            return;
        }
        switch (streamEvent)
        {
            case MessageStart start:
                Start(start, output);
                break;
            case BlockStart block:
                OpenBlock(block.Index, block.Kind, block, output);
                break;
            case BlockDelta delta:
                WriteDelta(delta, output);
                break;
            case BlockStop stop:
                CloseBlock(stop.Index, output);
                break;
            case MessageDelta messageDelta:
                _finish = messageDelta.Finish ?? _finish;
                _stopSequence = messageDelta.StopSequence ?? _stopSequence;
                _usage = messageDelta.Usage ?? _usage;
                break;
            case MessageStop:
                Finish(output);
                break;
            case StreamError error:
                Emit(output, "error", w => AnthropicErrorWriter.Write(error.Error, w));
                IsFinished = true;
                break;
            case RawBlockStart { Source: WireProtocol.Anthropic } raw:
                OpenRawBlock(raw, output);
                break;
            case RawDelta { Source: WireProtocol.Anthropic } raw when raw.Index == _open && _blocks.TryGetValue(raw.Index, out var block):
                Emit(output, "content_block_delta", w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "content_block_delta");
                    w.WriteNumber("index", block.Wire);
                    w.WritePropertyName("delta");
                    w.WriteRawValue(raw.DeltaJson);
                    w.WriteEndObject();
                });
                break;
        }
    }

    /// <summary>A block only Anthropic has (server tool use and results), replayed as it came.</summary>
    private void OpenRawBlock(RawBlockStart raw, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        if (_blocks.ContainsKey(raw.Index))
        {
            return;
        }
        if (_pendingRedacted >= 0)
        {
            CloseBlock(_pendingRedacted, output);
        }
        if (_open >= 0)
        {
            CloseBlock(_open, output);
        }
        int wire = _blocks.Count;
        _blocks[raw.Index] = (wire, BlockKind.Text); // its own deltas arrive raw; typed ones do not fit it
        _open = raw.Index;
        Emit(output, "content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", wire);
            w.WritePropertyName("content_block");
            w.WriteRawValue(raw.BlockJson);
            w.WriteEndObject();
        });
    }

    private void Start(MessageStart start, IBufferWriter<byte> output)
    {
        if (_started)
        {
            return;
        }
        _started = true;
        _usage ??= start.Usage;
        Emit(output, "message_start", w =>
        {
            var fields = new JsonFieldWriter(WireProtocol.Anthropic, w);
            fields.StartObject();
            fields.String("type", "message_start");
            fields.StartObject("message");
            fields.String("id", start.Id ?? _options.Id ?? AnthropicResponseWriter.NewId());
            fields.String("type", "message");
            fields.String("role", "assistant");
            fields.String("model", _options.Model ?? start.Model ?? "");
            fields.StartArray("content");
            fields.EndArray();
            fields.Null("stop_reason");
            fields.Null("stop_sequence");
            AnthropicUsage.Write(fields, start.Usage ?? new Usage());
            fields.Extensions(start.Extensions);
            fields.EndObject();
            fields.EndObject();
        });
    }

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (!_started)
        {
            Start(new MessageStart(null, null), output);
        }
    }

    private void OpenBlock(int index, BlockKind kind, BlockStart? start, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        if (_blocks.ContainsKey(index))
        {
            return;
        }
        if (_pendingRedacted >= 0)
        {
            CloseBlock(_pendingRedacted, output);
        }
        if (_open >= 0)
        {
            CloseBlock(_open, output);
        }
        int wire = _blocks.Count;
        _blocks[index] = (wire, kind);
        if (kind == BlockKind.RedactedReasoning)
        {
            _pendingRedacted = index;
            _redacted.Clear();
            return;
        }
        _open = index;
        _sawToolUse |= kind == BlockKind.ToolCall;
        Emit(output, "content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", wire);
            w.WriteStartObject("content_block");
            WriteEmptyBlock(w, kind, start, wire);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteEmptyBlock(Utf8JsonWriter w, BlockKind kind, BlockStart? start, int wire)
    {
        switch (kind)
        {
            case BlockKind.Reasoning:
                w.WriteString("type", "thinking");
                w.WriteString("thinking", "");
                w.WriteString("signature", "");
                break;
            case BlockKind.ToolCall:
                w.WriteString("type", "tool_use");
                w.WriteString("id", start?.ToolCallId ?? "toolu_" + wire.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("name", start?.ToolName ?? "");
                w.WriteStartObject("input");
                w.WriteEndObject();
                break;
            default:
                w.WriteString("type", "text"); // text, and refusals (Anthropic states a refusal as text)
                w.WriteString("text", "");
                break;
        }
    }

    private void WriteDelta(BlockDelta delta, IBufferWriter<byte> output)
    {
        if (!_blocks.ContainsKey(delta.Index))
        {
            OpenBlock(delta.Index, KindFor(delta.Kind), null, output);
        }
        var (wire, kind) = _blocks[delta.Index];
        if (delta.Index == _pendingRedacted)
        {
            _redacted.Append(delta.Fragment);
            return;
        }
        if (delta.Index != _open || DeltaType(kind, delta.Kind) is not { } mapping)
        {
            return; // the block was closed already, or the fragment does not belong in this kind of block
        }
        Emit(output, "content_block_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", wire);
            w.WriteStartObject("delta");
            w.WriteString("type", mapping.Type);
            w.WriteString(mapping.Field, delta.Fragment);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static BlockKind KindFor(DeltaKind kind) => kind switch
    {
        DeltaKind.Arguments => BlockKind.ToolCall,
        DeltaKind.Reasoning or DeltaKind.Signature => BlockKind.Reasoning,
        DeltaKind.Refusal => BlockKind.Refusal,
        _ => BlockKind.Text,
    };

    private static (string Type, string Field)? DeltaType(BlockKind block, DeltaKind delta) => (block, delta) switch
    {
        (BlockKind.Text or BlockKind.Refusal, DeltaKind.Text or DeltaKind.Refusal) => ("text_delta", "text"),
        (BlockKind.Reasoning, DeltaKind.Reasoning) => ("thinking_delta", "thinking"),
        (BlockKind.Reasoning, DeltaKind.Signature) => ("signature_delta", "signature"),
        (BlockKind.ToolCall, DeltaKind.Arguments) => ("input_json_delta", "partial_json"),
        _ => null,
    };

    private void CloseBlock(int index, IBufferWriter<byte> output)
    {
        if (!_blocks.TryGetValue(index, out var block))
        {
            return;
        }
        if (index == _pendingRedacted)
        {
            _pendingRedacted = -1;
            WriteRedacted(block.Wire, output);
        }
        else if (index != _open)
        {
            return;
        }
        _open = -1;
        Emit(output, "content_block_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", block.Wire);
            w.WriteEndObject();
        });
    }

    private void WriteRedacted(int wire, IBufferWriter<byte> output)
    {
        if (_open >= 0)
        {
            CloseBlock(_open, output);
        }
        string data = _redacted.ToString();
        Emit(output, "content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", wire);
            w.WriteStartObject("content_block");
            w.WriteString("type", "redacted_thinking");
            w.WriteString("data", data);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Closes what is open and writes the one message_delta and message_stop. With no finish reason from upstream the
    /// stop is tool_use when a tool block was written, else end_turn (the stream did complete).
    /// </summary>
    private void Finish(IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        if (_pendingRedacted >= 0)
        {
            CloseBlock(_pendingRedacted, output);
        }
        if (_open >= 0)
        {
            CloseBlock(_open, output);
        }
        string stopReason = _finish is { } finish ? AnthropicStopReasons.Write(finish) : _sawToolUse ? "tool_use" : "end_turn";
        Emit(output, "message_delta", w =>
        {
            var fields = new JsonFieldWriter(WireProtocol.Anthropic, w);
            fields.StartObject();
            fields.String("type", "message_delta");
            fields.StartObject("delta");
            fields.String("stop_reason", stopReason);
            fields.String("stop_sequence", _stopSequence);
            fields.EndObject();
            AnthropicUsage.Write(fields, _usage ?? new Usage());
            fields.EndObject();
        });
        Emit(output, "message_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_stop");
            w.WriteEndObject();
        });
        IsFinished = true;
    }

    private void Emit(IBufferWriter<byte> output, string eventType, Action<Utf8JsonWriter> writePayload)
    {
        _payload.Clear();
        _json.Reset(_payload);
        writePayload(_json);
        _json.Flush();
        SseWriter.WriteEvent(output, eventType, _payload.WrittenSpan);
    }

    public void Dispose() => _json.Dispose();
}
