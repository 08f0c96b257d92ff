using System.Text;
using System.Text.Json;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// One output item the stream writer has open: a message (its output_text / refusal parts), a reasoning item (its
/// summary parts, encrypted_content) or a call. It accumulates what the deltas said, because the done events and the
/// terminal response object carry the whole text and arguments.
/// </summary>
internal sealed class ResponsesStreamItem(ResponsesStreamItem.ItemKind kind, int outputIndex, string id)
{
    public enum ItemKind
    {
        Message,
        Reasoning,
        Call,
    }

    /// <summary>One content part of a message item, or one summary part of a reasoning item.</summary>
    public sealed class Part(bool refusal)
    {
        public bool Refusal { get; } = refusal;
        public StringBuilder Text { get; } = new();
        public bool Done { get; set; }
    }

    public ItemKind Kind { get; } = kind;
    public int OutputIndex { get; } = outputIndex;
    public string Id { get; } = id;
    public List<Part> Parts { get; } = [];

    public string? Encrypted { get; set; }
    public bool HasRedactedBlock { get; set; }

    public bool Custom { get; init; }
    public string CallId { get; init; } = "";
    public string Name { get; init; } = "";
    public StringBuilder Arguments { get; } = new();

    /// <summary>The item object: as announced (<paramref name="done"/> false: empty, in_progress) or finished.</summary>
    public void Write(Utf8JsonWriter w, bool done, string status)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        switch (Kind)
        {
            case ItemKind.Message:
                w.WriteString("type", "message");
                w.WriteString("status", done ? status : "in_progress");
                w.WriteStartArray("content");
                if (done)
                {
                    Parts.ForEach(p => WritePart(w, p, p.Text.ToString()));
                }
                w.WriteEndArray();
                w.WriteString("role", "assistant");
                break;
            case ItemKind.Reasoning:
                w.WriteString("type", "reasoning");
                w.WriteStartArray("summary");
                if (done)
                {
                    Parts.ForEach(p => WriteSummary(w, p.Text.ToString()));
                }
                w.WriteEndArray();
                if (done && Encrypted is not null)
                {
                    w.WriteString("encrypted_content", Encrypted);
                }
                break;
            default:
                w.WriteString("type", Custom ? "custom_tool_call" : "function_call");
                w.WriteString("status", done ? "completed" : "in_progress");
                w.WriteString(Custom ? "input" : "arguments", done ? Arguments.ToString() : "");
                w.WriteString("call_id", CallId);
                w.WriteString("name", Name);
                break;
        }
        w.WriteEndObject();
    }

    public static void WritePart(Utf8JsonWriter w, Part part, string text)
    {
        w.WriteStartObject();
        if (part.Refusal)
        {
            w.WriteString("type", "refusal");
            w.WriteString("refusal", text);
        }
        else
        {
            w.WriteString("type", "output_text");
            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
            w.WriteString("text", text);
        }
        w.WriteEndObject();
    }

    public static void WriteSummary(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "summary_text");
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
