using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Writes canonical messages as Responses items, the inverse of <see cref="ResponsesItemReader"/>: a message's parts
/// are cut into items in order — adjacent content parts make one message item, reasoning parts sharing an item id
/// one reasoning item, each call a function_call / custom_tool_call item, each tool result a function_call_output /
/// custom_tool_call_output item (written before the rest of a non-assistant message, as OpenAI Chat's writer does).
/// In output mode (response bodies, streams) every item gets an id and a status, and reasoning from another
/// protocol is shown as summary text; in input mode (requests) reasoning goes out only as this protocol's own items.
/// </summary>
internal sealed class ResponsesItemWriter(JsonFieldWriter writer, bool output)
{
    private enum SegmentKind
    {
        Message,
        Reasoning,
        Call,
        Result,
        RawItem,
    }

    private sealed record Segment(SegmentKind Kind, List<ContentPart> Parts);

    /// <summary>Output mode: the status of message items ("completed", or "incomplete" when the answer was cut).</summary>
    public string MessageStatus { get; init; } = "completed";

    /// <summary>Input mode: whether a reasoning part may be replayed to the target (origin check).</summary>
    public Func<ReasoningPart, bool> MayReplay { get; init; } = _ => true;

    /// <summary>The calls of the request by call id, so a result written for a custom tool says custom_tool_call_output.</summary>
    public Dictionary<string, ToolKind> CallKinds { get; } = new(StringComparer.Ordinal);

    public void Write(ChatMessage message)
    {
        var segments = Split(message);
        bool assistant = message.Role == ChatRole.Assistant;
        if (!assistant)
        {
            segments = [.. segments.Where(s => s.Kind == SegmentKind.Result), .. Merge(segments.Where(s => s.Kind != SegmentKind.Result))];
        }
        bool firstMessage = true;
        foreach (var segment in segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Message:
                    WriteMessage(message, segment.Parts, firstMessage);
                    firstMessage = false;
                    break;
                case SegmentKind.Reasoning:
                    WriteReasoning(segment.Parts.Cast<ReasoningPart>().ToList());
                    break;
                case SegmentKind.Call:
                    WriteCall((ToolCallPart)segment.Parts[0]);
                    break;
                case SegmentKind.Result:
                    WriteResult((ToolResultPart)segment.Parts[0], message);
                    break;
                default:
                    writer.Json.WriteRawValue(((RawPart)segment.Parts[0]).Json);
                    break;
            }
        }
        if (segments.Count == 0 && !assistant && message.Role != ChatRole.Tool)
        {
            WriteMessage(message, [], true); // an empty user turn stays a turn
        }
    }

    private static List<Segment> Split(ChatMessage message)
    {
        var segments = new List<Segment>();
        foreach (var part in message.Parts)
        {
            var last = segments.Count > 0 ? segments[^1] : null;
            switch (part)
            {
                case ToolResultPart:
                    segments.Add(new Segment(SegmentKind.Result, [part]));
                    break;
                case ToolCallPart:
                    segments.Add(new Segment(SegmentKind.Call, [part]));
                    break;
                case ReasoningPart reasoning when last?.Kind == SegmentKind.Reasoning && reasoning.ItemId is not null
                    && ((ReasoningPart)last.Parts[0]).ItemId == reasoning.ItemId:
                    last.Parts.Add(part);
                    break;
                case ReasoningPart:
                    segments.Add(new Segment(SegmentKind.Reasoning, [part]));
                    break;
                case RawPart raw when raw.Source == WireProtocol.OpenAIResponses && ResponsesItemReader.IsRawItem(raw):
                    segments.Add(new Segment(SegmentKind.RawItem, [part]));
                    break;
                case var content when ResponsesPartWriter.IsContent(content):
                    if (last?.Kind == SegmentKind.Message && Kept(content.Extensions, "item.role") is null)
                    {
                        last.Parts.Add(content);
                    }
                    else
                    {
                        segments.Add(new Segment(SegmentKind.Message, [content]));
                    }
                    break;
            }
        }
        return segments;
    }

    /// <summary>A non-assistant turn is one message item: its content segments join.</summary>
    private static IEnumerable<Segment> Merge(IEnumerable<Segment> segments)
    {
        Segment? message = null;
        foreach (var segment in segments)
        {
            if (segment.Kind != SegmentKind.Message)
            {
                yield return segment;
            }
            else if (message is null)
            {
                message = segment;
                yield return segment;
            }
            else
            {
                message.Parts.AddRange(segment.Parts);
            }
        }
    }

    private void WriteMessage(ChatMessage message, List<ContentPart> parts, bool first)
    {
        bool assistant = message.Role == ChatRole.Assistant;
        var extensions = first ? message.Extensions : parts[0].Extensions;
        string? prefix = first ? null : "item.";
        bool ours = IsOurs(extensions);
        writer.StartObject();
        if ((!ours || output) && Kept(extensions, prefix + "type") is null)
        {
            writer.String("type", "message");
        }
        writer.String("role", assistant && output ? "assistant" : message.Role.Value);
        writer.Extensions(extensions, prefix);
        if (output)
        {
            WriteIfMissing("id", ResponsesIds.New("msg_"));
            WriteIfMissing("status", MessageStatus);
        }
        writer.Name("content");
        if (first && message.ContentIsString && !output && parts.TrueForAll(p => p is TextPart))
        {
            writer.Json.WriteStringValue(Join(parts.Cast<TextPart>().Select(t => t.Text)));
        }
        else
        {
            ResponsesPartWriter.WriteArray(writer, parts, assistant);
        }
        writer.EndObject();
    }

    private void WriteReasoning(List<ReasoningPart> parts)
    {
        var head = parts[0];
        bool ours = head.ItemId is not null;
        if (!output && (!ours || !MayReplay(head)))
        {
            return; // another protocol's reasoning (or another model's) cannot be replayed to this upstream
        }
        var texts = parts.Where(p => p.Text is not null).Select(p => p.Text!).ToList();
        if (!ours && texts.Count == 0)
        {
            return; // a bare signature or redacted blob of another protocol shows nothing
        }
        writer.StartObject();
        writer.String("type", "reasoning");
        writer.String("id", head.ItemId ?? ResponsesIds.New("rs_"));
        writer.Extensions(head.Extensions);
        if (!writer.Has("summary"))
        {
            writer.StartArray("summary");
            foreach (string text in texts)
            {
                writer.Json.WriteStartObject();
                writer.Json.WriteString("type", "summary_text");
                writer.Json.WriteString("text", text);
                writer.Json.WriteEndObject();
            }
            writer.EndArray();
        }
        if (ours && head.RedactedData is not null)
        {
            writer.String("encrypted_content", head.RedactedData);
        }
        writer.EndObject();
    }

    private void WriteCall(ToolCallPart call)
    {
        bool custom = call.Kind == ToolKind.Custom;
        writer.StartObject();
        writer.String("type", custom ? "custom_tool_call" : "function_call");
        if (call.ItemId is not null || output)
        {
            writer.String("id", call.ItemId ?? ResponsesIds.New(custom ? "ctc_" : "fc_"));
        }
        writer.String("call_id", call.Id);
        writer.String("name", call.Name);
        writer.String(custom ? "input" : "arguments", call.ArgumentsJson);
        writer.Extensions(call.Extensions);
        if (output)
        {
            WriteIfMissing("status", "completed");
        }
        writer.EndObject();
    }

    private void WriteResult(ToolResultPart result, ChatMessage message)
    {
        var extensions = message.Role == ChatRole.Tool ? message.Extensions : null;
        string type = KeptString(extensions, "type")
            ?? (CallKinds.TryGetValue(result.ToolCallId, out var kind) && kind == ToolKind.Custom ? "custom_tool_call_output" : "function_call_output");
        writer.StartObject();
        writer.String("type", type);
        writer.String("call_id", result.ToolCallId);
        var content = result.Content.FindAll(ResponsesPartWriter.IsContent);
        if (result.ContentIsString || content.TrueForAll(p => p is TextPart))
        {
            // Responses has no error flag on a result; the text says what happened.
            writer.String("output", Join(content.OfType<TextPart>().Select(t => t.Text)));
        }
        else
        {
            writer.Name("output");
            ResponsesPartWriter.WriteArray(writer, content, assistant: false);
        }
        writer.Extensions(extensions);
        writer.EndObject();
    }

    private void WriteIfMissing(string name, string value)
    {
        if (!writer.Has(name))
        {
            writer.String(name, value);
        }
    }

    private static string Join(IEnumerable<string> texts)
    {
        var builder = new StringBuilder();
        foreach (string text in texts)
        {
            builder.Append(text);
        }
        return builder.ToString();
    }
}
