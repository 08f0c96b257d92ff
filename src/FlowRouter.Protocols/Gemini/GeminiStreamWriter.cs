using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes canonical stream events as Gemini stream chunks, one call per event so the caller can flush per event. Each
/// chunk is a GenerateContentResponse with one part in candidates[0].content (role "model"), plus modelVersion and
/// responseId: a text delta is {text}, a reasoning delta {text, thought: true}; a tool call is one functionCall part
/// written when its block stops (Gemini sends calls whole), its argument fragments joined and made an object once
/// (<see cref="GeminiPartWriter.ArgsObject"/>: text that is not a JSON object becomes {}), with the call's
/// thoughtSignature; signatures of text and thought blocks only under
/// <see cref="GeminiResponseWriterOptions.SignaturesFromGemini"/>, as an empty-text part of that block's kind.
/// MessageStop writes a last chunk {text: ""} with finishReason (merged from every MessageDelta; tool_calls → STOP)
/// and usageMetadata. A StreamError writes an {"error":…} chunk and ends the stream. Frames are SSE or the JSON array
/// (<see cref="GeminiStreamFormat"/>).
/// </summary>
public sealed class GeminiStreamWriter : IStreamEncoder
{
    private readonly GeminiResponseWriterOptions _options;
    private readonly GeminiStreamFormat _format;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, Block> _blocks = [];
    private string? _id;
    private string? _model;
    private FinishReason? _finish;
    private Usage? _usage;
    private bool _sawCall;
    private int _chunks;

    public GeminiStreamWriter(GeminiResponseWriterOptions? options = null, GeminiStreamFormat format = GeminiStreamFormat.Sse)
    {
        _options = options ?? new GeminiResponseWriterOptions();
        _format = format;
        _json = new Utf8JsonWriter(_payload, GeminiJson.Writer);
    }

    /// <summary>True once the final chunk or an error chunk was written; later events are ignored.</summary>
    public bool IsFinished { get; private set; }

    private sealed class Block(BlockKind kind, string? id, string? name)
    {
        public BlockKind Kind { get; } = kind;
        public string? Id { get; } = id;
        public string? Name { get; } = name;
        public StringBuilder Arguments { get; } = new();
        public string? Signature { get; set; }
        public bool Written { get; set; }
    }

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
                _id ??= start.Id;
                _model ??= start.Model;
                _usage ??= start.Usage;
                break;
            case BlockStart block:
                _blocks.TryAdd(block.Index, new Block(block.Kind, block.ToolCallId, block.ToolName));
                break;
            case BlockDelta delta:
                WriteDelta(delta, output);
                break;
            case BlockStop stop when _blocks.TryGetValue(stop.Index, out var block) && block.Kind == BlockKind.ToolCall:
                WriteCall(block, output);
                break;
            case MessageDelta messageDelta:
                _finish = messageDelta.Finish ?? _finish;
                _usage = messageDelta.Usage ?? _usage;
                break;
            case MessageStop:
                Finish(output);
                break;
            case StreamError error:
                Frame(output, w => GeminiErrorWriter.Write(error.Error, w));
                Close(output);
                break;
        }
    }

    private void WriteDelta(BlockDelta delta, IBufferWriter<byte> output)
    {
        if (!_blocks.TryGetValue(delta.Index, out var block))
        {
            block = new Block(delta.Kind switch
            {
                DeltaKind.Arguments => BlockKind.ToolCall,
                DeltaKind.Reasoning => BlockKind.Reasoning,
                _ => BlockKind.Text,
            }, null, null);
            _blocks[delta.Index] = block;
        }
        bool thought = block.Kind is BlockKind.Reasoning or BlockKind.RedactedReasoning;
        switch (delta.Kind)
        {
            case DeltaKind.Arguments:
                block.Arguments.Append(delta.Fragment);
                break;
            case DeltaKind.Signature when block.Kind == BlockKind.ToolCall:
                block.Signature = (block.Signature ?? "") + delta.Fragment;
                break;
            case DeltaKind.Signature when _options.SignaturesFromGemini && block.Kind != BlockKind.RedactedReasoning:
                Chunk(output, w => TextPart(w, "", thought, delta.Fragment));
                break;
            case DeltaKind.Text or DeltaKind.Refusal or DeltaKind.Reasoning when block.Kind != BlockKind.RedactedReasoning && delta.Fragment.Length > 0:
                Chunk(output, w => TextPart(w, delta.Fragment, thought, null));
                break;
            default:
                break; // redacted reasoning is opaque to a Gemini client
        }
    }

    private static void TextPart(Utf8JsonWriter w, string text, bool thought, string? signature)
    {
        w.WriteStartObject();
        w.WriteString("text", text);
        if (thought)
        {
            w.WriteBoolean("thought", true);
        }
        if (signature is not null)
        {
            w.WriteString(GeminiWire.ThoughtSignature, signature);
        }
        w.WriteEndObject();
    }

    private void WriteCall(Block block, IBufferWriter<byte> output)
    {
        if (block.Written)
        {
            return;
        }
        block.Written = true;
        _sawCall = true;
        Chunk(output, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("functionCall");
            w.WriteString("name", block.Name ?? "");
            w.WritePropertyName("args");
            w.WriteRawValue(GeminiPartWriter.ArgsObject(block.Arguments.ToString()));
            if (block.Id is { Length: > 0 } id && !GeminiToolIds.IsSynthetic(id))
            {
                w.WriteString("id", id);
            }
            w.WriteEndObject();
            if (block.Signature is not null)
            {
                w.WriteString(GeminiWire.ThoughtSignature, block.Signature);
            }
            w.WriteEndObject();
        });
    }

    private void Finish(IBufferWriter<byte> output)
    {
        foreach (var block in _blocks.Values.Where(b => b.Kind == BlockKind.ToolCall && !b.Written).ToList())
        {
            WriteCall(block, output); // a call whose BlockStop never came still reaches the client
        }
        var finish = _finish ?? (_sawCall ? FinishReason.ToolCalls : FinishReason.Stop);
        Chunk(output, w => TextPart(w, "", false, null), GeminiFinishReasons.Write(finish, null, _sawCall), _usage);
        Close(output);
    }

    private void Chunk(IBufferWriter<byte> output, Action<Utf8JsonWriter> writePart, string? finishReason = null, Usage? usage = null)
    {
        Frame(output, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("candidates");
            w.WriteStartObject();
            w.WriteStartObject("content");
            w.WriteStartArray("parts");
            writePart(w);
            w.WriteEndArray();
            w.WriteString("role", GeminiWire.ModelRole);
            w.WriteEndObject();
            if (finishReason is not null)
            {
                w.WriteString("finishReason", finishReason);
            }
            w.WriteNumber("index", 0);
            w.WriteEndObject();
            w.WriteEndArray();
            if (usage is not null)
            {
                var fields = new JsonFieldWriter(WireProtocol.Gemini, w);
                fields.AdoptOpenObject();
                GeminiUsage.Write(fields, usage);
            }
            w.WriteString("modelVersion", _options.Model ?? _model ?? "");
            w.WriteString("responseId", _id ??= _options.Id ?? GeminiResponseWriter.NewId());
            w.WriteEndObject();
        });
    }

    private void Frame(IBufferWriter<byte> output, Action<Utf8JsonWriter> writePayload)
    {
        _payload.Clear();
        _json.Reset(_payload);
        writePayload(_json);
        _json.Flush();
        if (_format == GeminiStreamFormat.Sse)
        {
            Raw(output, "data: "u8);
            Raw(output, _payload.WrittenSpan);
            Raw(output, "\r\n\r\n"u8);
        }
        else
        {
            Raw(output, _chunks == 0 ? "["u8 : ",\r\n"u8);
            Raw(output, _payload.WrittenSpan);
        }
        _chunks++;
    }

    private void Close(IBufferWriter<byte> output)
    {
        if (_format == GeminiStreamFormat.JsonArray)
        {
            Raw(output, _chunks == 0 ? "[]"u8 : "]"u8);
        }
        IsFinished = true;
    }

    private static void Raw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    public void Dispose() => _json.Dispose();
}
