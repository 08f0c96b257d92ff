using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;
using Item = FlowRouter.Protocols.OpenAIResponses.ResponsesStreamItem;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Writes canonical stream events as the Responses event set, one call per event so the caller can flush per event.
/// Every frame is "event: &lt;type&gt;\ndata: &lt;json&gt;\n\n" with a sequence_number counting from 0.
/// <list type="bullet">
/// <item>MessageStart: response.created and response.in_progress (the response object, status in_progress, with the
/// request echo).</item>
/// <item>Text and refusal blocks are content parts of one message item: adjacent blocks (Anthropic's several text
/// blocks) share the item, content_index counting up; any other item in between starts a new message item.</item>
/// <item>Reasoning blocks are summary parts of one reasoning item while they follow each other; a RedactedReasoning
/// block is that item's encrypted_content (a Responses upstream's, see <see cref="ResponsesStreamParser"/>).
/// Signature deltas (Anthropic thinking signatures) are not shown: they mean nothing to a Responses client.</item>
/// <item>Each tool-call block is its own function_call (or custom_tool_call) item; parallel calls are separate items.</item>
/// <item>Done events carry the accumulated text and arguments. Output items are sequential: a block that needs another
/// item closes the open one (its remaining parts, then output_item.done); a fragment for a closed block is dropped.</item>
/// <item>MessageStop: response.completed, or response.incomplete (Length, ContentFilter), or response.failed (Error),
/// carrying the full response object with every output item and the usage.</item>
/// <item>StreamError: response.failed with the error's code and message once the response was announced (what OpenAI
/// sends for a failure mid-answer), else an "error" event. The stream ends there.</item>
/// </list>
/// </summary>
public sealed class ResponsesStreamWriter : IStreamEncoder
{
    private readonly ResponsesResponseWriterOptions _options;
    private readonly ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, (Item Item, int Part, BlockKind Kind)> _blocks = [];
    private readonly HashSet<int> _stopped = [];
    private readonly List<string> _doneItems = [];
    private readonly StringBuilder _redacted = new();
    private Item? _current;
    private long _sequence;
    private bool _started;
    private string _id = "";
    private string _model = "";
    private long _createdAt;
    private FinishReason? _finish;
    private Usage? _usage;
    private bool _sawCall;

    public ResponsesStreamWriter(ResponsesResponseWriterOptions? options = null)
    {
        _options = options ?? new ResponsesResponseWriterOptions();
        _json = new Utf8JsonWriter(_payload, OpenAIJsonOptions.Writer);
    }

    /// <summary>
    /// Called with the final response object (completed or incomplete, not failed) while its event is written and
    /// before it is flushed: the response store keeps it there, so it exists before the client can ask for it.
    /// </summary>
    public Action<ReadOnlySpan<byte>>? Finished { get; init; }

    /// <summary>True once the terminal event (or an error) was written; later events are ignored.</summary>
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
                StopBlock(stop.Index, output);
                break;
            case MessageDelta messageDelta:
                _finish = messageDelta.Finish ?? _finish;
                _usage = messageDelta.Usage ?? _usage;
                break;
            case MessageStop:
                Finish(output);
                break;
            case StreamError error:
                WriteError(error.Error, output);
                break;
        }
    }

    private void Start(MessageStart start, IBufferWriter<byte> output)
    {
        if (_started)
        {
            return;
        }
        _started = true;
        _id = start.Id is { } id && id.StartsWith("resp_", StringComparison.Ordinal) ? id : _options.Id ?? ResponsesIds.New("resp_");
        _model = _options.Model ?? start.Model ?? "";
        _createdAt = start.Created ?? _options.Created ?? _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        _usage = start.Usage;
        Emit(output, "response.created", w => WriteResponse(w, "in_progress", null, null));
        Emit(output, "response.in_progress", w => WriteResponse(w, "in_progress", null, null));
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
        switch (kind)
        {
            case BlockKind.Text or BlockKind.Refusal:
                OpenPart(index, kind, Item.ItemKind.Message, output);
                break;
            case BlockKind.Reasoning:
                OpenPart(index, kind, Item.ItemKind.Reasoning, output);
                break;
            case BlockKind.RedactedReasoning:
                var item = _current is { Kind: Item.ItemKind.Reasoning, Encrypted: null, HasRedactedBlock: false } open ? open : OpenItem(Item.ItemKind.Reasoning, null, output);
                item.HasRedactedBlock = true;
                _redacted.Clear();
                _blocks[index] = (item, -1, kind);
                break;
            default:
                CloseItem(output);
                _sawCall = true;
                _blocks[index] = (OpenItem(Item.ItemKind.Call, start, output), -1, kind);
                break;
        }
    }

    private void OpenPart(int index, BlockKind kind, Item.ItemKind itemKind, IBufferWriter<byte> output)
    {
        var item = _current is { } open && open.Kind == itemKind && !(itemKind == Item.ItemKind.Reasoning && (open.Encrypted is not null || open.HasRedactedBlock))
            ? open
            : OpenItem(itemKind, null, output);
        foreach (var (other, block) in _blocks.Where(b => b.Value.Item == item && !_stopped.Contains(b.Key)).ToList())
        {
            StopBlock(other, output); // one part streams at a time within an item
        }
        var part = new Item.Part(kind == BlockKind.Refusal);
        item.Parts.Add(part);
        int partIndex = item.Parts.Count - 1;
        _blocks[index] = (item, partIndex, kind);
        if (itemKind == Item.ItemKind.Message)
        {
            Emit(output, "response.content_part.added", w =>
            {
                ItemRef(w, item, "content_index", partIndex);
                w.WritePropertyName("part");
                Item.WritePart(w, part, "");
            });
        }
        else
        {
            Emit(output, "response.reasoning_summary_part.added", w =>
            {
                ItemRef(w, item, "summary_index", partIndex);
                w.WritePropertyName("part");
                Item.WriteSummary(w, "");
            });
        }
    }

    private Item OpenItem(Item.ItemKind kind, BlockStart? start, IBufferWriter<byte> output)
    {
        CloseItem(output);
        int outputIndex = _doneItems.Count;
        bool custom = start?.ToolKind == ToolKind.Custom;
        string prefix = kind switch
        {
            Item.ItemKind.Message => "msg_",
            Item.ItemKind.Reasoning => "rs_",
            _ => custom ? "ctc_" : "fc_",
        };
        var item = new Item(kind, outputIndex, ResponsesIds.New(prefix))
        {
            Custom = custom,
            CallId = start?.ToolCallId ?? ResponsesIds.New("call_"),
            Name = start?.ToolName ?? "",
        };
        _current = item;
        Emit(output, "response.output_item.added", w =>
        {
            w.WriteNumber("output_index", outputIndex);
            w.WritePropertyName("item");
            item.Write(w, done: false, "in_progress");
        });
        return item;
    }

    private void WriteDelta(BlockDelta delta, IBufferWriter<byte> output)
    {
        if (!_blocks.ContainsKey(delta.Index))
        {
            OpenBlock(delta.Index, KindFor(delta.Kind), null, output);
        }
        if (_stopped.Contains(delta.Index) || delta.Fragment.Length == 0)
        {
            return; // a fragment for a closed block cannot be sent any more
        }
        var (item, part, kind) = _blocks[delta.Index];
        switch (kind, delta.Kind)
        {
            case (BlockKind.Text or BlockKind.Refusal, DeltaKind.Text or DeltaKind.Refusal):
                item.Parts[part].Text.Append(delta.Fragment);
                bool refusal = item.Parts[part].Refusal;
                Emit(output, refusal ? "response.refusal.delta" : "response.output_text.delta", w =>
                {
                    ItemRef(w, item, "content_index", part);
                    w.WriteString("delta", delta.Fragment);
                    if (!refusal)
                    {
                        w.WriteStartArray("logprobs");
                        w.WriteEndArray();
                    }
                });
                break;
            case (BlockKind.Reasoning, DeltaKind.Reasoning):
                item.Parts[part].Text.Append(delta.Fragment);
                Emit(output, "response.reasoning_summary_text.delta", w =>
                {
                    ItemRef(w, item, "summary_index", part);
                    w.WriteString("delta", delta.Fragment);
                });
                break;
            case (BlockKind.RedactedReasoning, DeltaKind.Signature):
                _redacted.Append(delta.Fragment);
                break;
            case (BlockKind.ToolCall, DeltaKind.Arguments):
                item.Arguments.Append(delta.Fragment);
                Emit(output, item.Custom ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta", w =>
                {
                    ItemRef(w, item, null, 0);
                    w.WriteString("delta", delta.Fragment);
                });
                break;
        }
    }

    private static BlockKind KindFor(DeltaKind kind) => kind switch
    {
        DeltaKind.Arguments => BlockKind.ToolCall,
        DeltaKind.Reasoning => BlockKind.Reasoning,
        DeltaKind.Signature => BlockKind.RedactedReasoning,
        DeltaKind.Refusal => BlockKind.Refusal,
        _ => BlockKind.Text,
    };

    private void StopBlock(int index, IBufferWriter<byte> output)
    {
        if (!_blocks.TryGetValue(index, out var block) || !_stopped.Add(index))
        {
            return;
        }
        var (item, part, kind) = block;
        switch (kind)
        {
            case BlockKind.Text or BlockKind.Refusal:
                var content = item.Parts[part];
                string text = content.Text.ToString();
                Emit(output, content.Refusal ? "response.refusal.done" : "response.output_text.done", w =>
                {
                    ItemRef(w, item, "content_index", part);
                    w.WriteString(content.Refusal ? "refusal" : "text", text);
                    if (!content.Refusal)
                    {
                        w.WriteStartArray("logprobs");
                        w.WriteEndArray();
                    }
                });
                Emit(output, "response.content_part.done", w =>
                {
                    ItemRef(w, item, "content_index", part);
                    w.WritePropertyName("part");
                    Item.WritePart(w, content, text);
                });
                break;
            case BlockKind.Reasoning:
                string summary = item.Parts[part].Text.ToString();
                Emit(output, "response.reasoning_summary_text.done", w =>
                {
                    ItemRef(w, item, "summary_index", part);
                    w.WriteString("text", summary);
                });
                Emit(output, "response.reasoning_summary_part.done", w =>
                {
                    ItemRef(w, item, "summary_index", part);
                    w.WritePropertyName("part");
                    Item.WriteSummary(w, summary);
                });
                break;
            case BlockKind.RedactedReasoning:
                item.Encrypted = _redacted.Length > 0 ? _redacted.ToString() : null;
                break;
            default:
                string arguments = item.Arguments.ToString();
                Emit(output, item.Custom ? "response.custom_tool_call_input.done" : "response.function_call_arguments.done", w =>
                {
                    ItemRef(w, item, null, 0);
                    w.WriteString(item.Custom ? "input" : "arguments", arguments);
                });
                if (_current == item)
                {
                    CloseItem(output);
                }
                break;
        }
    }

    /// <summary>Finishes the open item: its open parts, then output_item.done; the item joins the final output.</summary>
    private void CloseItem(IBufferWriter<byte> output)
    {
        if (_current is not { } item)
        {
            return;
        }
        foreach (int index in _blocks.Where(b => b.Value.Item == item && !_stopped.Contains(b.Key)).Select(b => b.Key).ToList())
        {
            StopBlock(index, output);
        }
        if (_current != item)
        {
            return; // stopping a call block closed it already
        }
        _current = null;
        string status = item.Kind == Item.ItemKind.Message && _finish == FinishReason.Length ? "incomplete" : "completed";
        _payload.Clear();
        _json.Reset(_payload);
        item.Write(_json, done: true, status);
        _json.Flush();
        _doneItems.Add(Encoding.UTF8.GetString(_payload.WrittenSpan));
        string raw = _doneItems[^1];
        Emit(output, "response.output_item.done", w =>
        {
            w.WriteNumber("output_index", item.OutputIndex);
            w.WritePropertyName("item");
            w.WriteRawValue(raw);
        });
    }

    private void Finish(IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        CloseItem(output);
        var finish = _finish ?? (_sawCall ? FinishReason.ToolCalls : FinishReason.Stop);
        var (status, reason) = ResponsesStatus.Write(finish);
        GatewayError? error = status == "failed" ? new GatewayError(ErrorKind.UpstreamError, 502, "The model failed to complete the answer.") : null;
        string type = status switch
        {
            "incomplete" => "response.incomplete",
            "failed" => "response.failed",
            _ => "response.completed",
        };
        Emit(output, type, w => WriteResponse(w, status, reason, error));
        IsFinished = true;
        if (error is null && Finished is { } finished)
        {
            finished(ResponsesUsageReader.ResponseOf(_payload.WrittenMemory).Span);
        }
    }

    private void WriteError(GatewayError error, IBufferWriter<byte> output)
    {
        if (_started)
        {
            Emit(output, "response.failed", w => WriteResponse(w, "failed", null, error));
        }
        else
        {
            ResponsesErrorFrame.Write(error, (int)_sequence++, output); // the same frame the passthrough relay writes
        }
        IsFinished = true;
    }

    /// <summary>The "response" field of a lifecycle event: the response object so far.</summary>
    private void WriteResponse(Utf8JsonWriter w, string status, string? reason, GatewayError? error)
    {
        w.WritePropertyName("response");
        var fields = new JsonFieldWriter(WireProtocol.OpenAIResponses, w);
        fields.StartObject();
        fields.String("id", _id);
        fields.String("object", "response");
        fields.Number("created_at", _createdAt);
        fields.String("status", status);
        if (error is null)
        {
            fields.Null("error");
        }
        else
        {
            fields.StartObject("error");
            fields.String("code", error.Code ?? OpenAIErrorWriter.CodeFor(error.Kind) ?? "server_error");
            fields.String("message", error.Message);
            fields.EndObject();
        }
        if (reason is null)
        {
            fields.Null("incomplete_details");
        }
        else
        {
            fields.StartObject("incomplete_details");
            fields.String("reason", reason);
            fields.EndObject();
        }
        fields.String("model", _model);
        fields.StartArray("output");
        foreach (string item in _doneItems)
        {
            w.WriteRawValue(item);
        }
        fields.EndArray();
        if (_usage is { } usage && status != "in_progress")
        {
            ResponsesUsageJson.Write(fields, usage);
        }
        else
        {
            fields.Null("usage");
        }
        ResponsesEcho.Write(fields, _options.Request);
        fields.EndObject();
    }

    /// <summary>item_id, output_index and (for parts) content_index or summary_index.</summary>
    private static void ItemRef(Utf8JsonWriter w, Item item, string? partName, int part)
    {
        w.WriteString("item_id", item.Id);
        w.WriteNumber("output_index", item.OutputIndex);
        if (partName is not null)
        {
            w.WriteNumber(partName, part);
        }
    }

    private void Emit(IBufferWriter<byte> output, string type, Action<Utf8JsonWriter> body)
    {
        _payload.Clear();
        _json.Reset(_payload);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteNumber("sequence_number", _sequence++);
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        SseWriter.WriteEvent(output, type, _payload.WrittenSpan);
    }

    public void Dispose() => _json.Dispose();
}
