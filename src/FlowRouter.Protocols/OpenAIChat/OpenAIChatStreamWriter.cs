using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Writes canonical stream events as the client's chat.completion.chunk SSE frames, one call per event so the caller
/// can flush per event. Tool blocks are numbered 0, 1, … as tool_calls[index]; the usage chunk (empty choices) is
/// written only when the client asked for include_usage; MessageStop writes "data: [DONE]"; a StreamError writes
/// OpenAI's in-stream error frame and ends the stream without [DONE], so clients see a failure, not a short answer.
/// </summary>
public sealed class OpenAIChatStreamWriter : IStreamEncoder
{
    private readonly OpenAIChatResponseWriterOptions _options;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, int> _toolIndexes = [];
    private MessageStart? _start;
    private string _id = "";
    private long _created;
    private bool _legacyCall;

    public OpenAIChatStreamWriter(OpenAIChatResponseWriterOptions? options = null)
    {
        _options = options ?? new OpenAIChatResponseWriterOptions();
        _json = new Utf8JsonWriter(_payload, OpenAIJsonOptions.Writer);
    }

    /// <summary>True once [DONE] or an error frame was written; later events are ignored.</summary>
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
                OpenBlock(block, output);
                break;
            case BlockDelta delta:
                WriteDelta(delta, output);
                break;
            case MessageDelta messageDelta:
                WriteMessageDelta(messageDelta, output);
                break;
            case MessageStop:
                EnsureStarted(output);
                SseWriter.WriteDone(output);
                IsFinished = true;
                break;
            case StreamError error:
                WriteError(error, output);
                break;
        }
    }

    private void Start(MessageStart start, IBufferWriter<byte> output)
    {
        if (_start is not null)
        {
            return;
        }
        _start = start;
        _id = start.Id ?? _options.Id ?? OpenAIChatResponseWriter.NewId();
        _created = start.Created ?? _options.Created ?? _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        // OpenAI's first chunk announces the role with empty content; SDK accumulators expect it.
        WriteChunk(output, w =>
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", "");
        });
    }

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (_start is null)
        {
            Start(new MessageStart(null, null), output);
        }
    }

    private void OpenBlock(BlockStart block, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        if (block.Kind != BlockKind.ToolCall)
        {
            return; // text, refusal and reasoning need no opening frame: their deltas say what they are
        }
        if (block.LegacyFunctionCall)
        {
            _legacyCall = true;
            _toolIndexes[block.Index] = -1;
            WriteChunk(output, w => WriteFunctionCall(w, block.ToolName, ""));
            return;
        }
        int toolIndex = _toolIndexes.Count(kv => kv.Value >= 0);
        _toolIndexes[block.Index] = toolIndex;
        WriteChunk(output, w => WriteToolCall(w, toolIndex, block, ""));
    }

    private void WriteDelta(BlockDelta delta, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        switch (delta.Kind)
        {
            case DeltaKind.Text:
                WriteChunk(output, w => w.WriteString("content", delta.Fragment));
                break;
            case DeltaKind.Refusal:
                WriteChunk(output, w => w.WriteString("refusal", delta.Fragment));
                break;
            case DeltaKind.Reasoning:
                WriteChunk(output, w => w.WriteString("reasoning_content", delta.Fragment));
                break;
            case DeltaKind.Arguments when _toolIndexes.TryGetValue(delta.Index, out int toolIndex):
                WriteChunk(output, w =>
                {
                    if (toolIndex < 0)
                    {
                        WriteFunctionCall(w, null, delta.Fragment);
                    }
                    else
                    {
                        WriteToolCall(w, toolIndex, null, delta.Fragment);
                    }
                });
                break;
            default:
                break; // signatures have no OpenAI Chat field
        }
    }

    private static void WriteToolCall(Utf8JsonWriter w, int toolIndex, BlockStart? start, string fragment)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", toolIndex);
        bool custom = start?.ToolKind == ToolKind.Custom;
        if (start is not null)
        {
            w.WriteString("id", start.ToolCallId ?? "call_" + toolIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("type", custom ? "custom" : "function");
        }
        w.WriteStartObject(custom ? "custom" : "function");
        if (start is not null)
        {
            w.WriteString("name", start.ToolName ?? "");
        }
        w.WriteString(custom ? "input" : "arguments", fragment);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteFunctionCall(Utf8JsonWriter w, string? name, string fragment)
    {
        w.WriteStartObject("function_call");
        if (name is not null)
        {
            w.WriteString("name", name);
        }
        w.WriteString("arguments", fragment);
        w.WriteEndObject();
    }

    private void WriteMessageDelta(MessageDelta delta, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        if (delta.Finish is { } finish)
        {
            WriteChunk(output, _ => { }, OpenAIFinishReasons.Write(finish, _legacyCall));
        }
        if (delta.Usage is { } usage && _options.IncludeUsage)
        {
            WriteUsageChunk(output, usage);
        }
    }

    private void WriteError(StreamError error, IBufferWriter<byte> output)
    {
        _payload.Clear();
        _json.Reset(_payload);
        OpenAIErrorWriter.Write(error.Error, _json);
        _json.Flush();
        SseWriter.WriteEvent(output, null, _payload.WrittenSpan);
        IsFinished = true;
    }

    /// <summary>One chunk with choices[0]: the given delta fields and finish_reason (null unless given).</summary>
    private void WriteChunk(IBufferWriter<byte> output, Action<Utf8JsonWriter> writeDelta, string? finishReason = null)
    {
        BeginChunk();
        _json.WriteStartArray("choices");
        _json.WriteStartObject();
        _json.WriteNumber("index", 0);
        _json.WriteStartObject("delta");
        writeDelta(_json);
        _json.WriteEndObject();
        _json.WriteNull("logprobs");
        _json.WriteString("finish_reason", finishReason);
        _json.WriteEndObject();
        _json.WriteEndArray();
        EndChunk(output);
    }

    private void WriteUsageChunk(IBufferWriter<byte> output, Usage usage)
    {
        BeginChunk();
        _json.WriteStartArray("choices");
        _json.WriteEndArray();
        var fields = new JsonFieldWriter(WireProtocol.OpenAIChat, _json);
        fields.AdoptOpenObject();
        OpenAIUsageJson.Write(fields, usage);
        EndChunk(output);
    }

    private void BeginChunk()
    {
        _payload.Clear();
        _json.Reset(_payload);
        _json.WriteStartObject();
        _json.WriteString("id", _id);
        _json.WriteString("object", "chat.completion.chunk");
        _json.WriteNumber("created", _created);
        _json.WriteString("model", _options.Model ?? _start?.Model ?? "");
        if (_start?.Extensions is { } extensions && extensions.AppliesTo(WireProtocol.OpenAIChat))
        {
            foreach (var (name, raw) in extensions.Fields)
            {
                _json.WritePropertyName(name);
                _json.WriteRawValue(raw);
            }
        }
    }

    private void EndChunk(IBufferWriter<byte> output)
    {
        _json.WriteEndObject();
        _json.Flush();
        SseWriter.WriteEvent(output, null, _payload.WrittenSpan);
    }

    public void Dispose() => _json.Dispose();
}
