using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as a Responses "response" object: id "resp_…", object, created_at, status and
/// incomplete_details (from the finish reason, see <see cref="ResponsesStatus"/>), error, model, output items, usage,
/// and the request echo (see <see cref="ResponsesEcho"/>). An answer read from this protocol comes back as the same
/// JSON. One from another protocol is ordered the way OpenAI orders output — reasoning item, then one message item
/// (adjacent text parts become parts of that one item), then the calls — each with a generated id.
/// </summary>
public static class ResponsesResponseWriter
{
    private static readonly ResponsesResponseWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatResponse response, ResponsesResponseWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(response, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatResponse response, IBufferWriter<byte> output, ResponsesResponseWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, OpenAIJsonOptions.Writer);
        var writer = new JsonFieldWriter(WireProtocol.OpenAIResponses, json);
        writer.StartObject();
        // Another protocol's id (Anthropic "msg_…") is no response id: a client could not use it as previous_response_id.
        writer.String("id", response.Id.StartsWith("resp_", StringComparison.Ordinal) ? response.Id : options.Id ?? ResponsesIds.New("resp_"));
        writer.String("object", "response");
        writer.Number("created_at", response.Created ?? options.Created ?? options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        WriteStatus(writer, response);
        writer.String("model", options.Model ?? response.Model);
        writer.StartArray("output");
        WriteOutput(writer, response.Message, response.FinishReason == FinishReason.Length ? "incomplete" : "completed");
        writer.EndArray();
        if (response.Usage is { } usage)
        {
            ResponsesUsageJson.Write(writer, usage);
        }
        writer.Extensions(response.Extensions);
        ResponsesEcho.Write(writer, options.Request);
        if (!writer.Has("usage"))
        {
            writer.Null("usage");
        }
        writer.EndObject();
    }

    /// <summary>The output items of an answer (shared with the stream writer's terminal event).</summary>
    internal static void WriteOutput(JsonFieldWriter writer, ChatMessage message, string messageStatus)
    {
        var items = new ResponsesItemWriter(writer, output: true) { MessageStatus = messageStatus };
        items.Write(IsOurs(message) ? message : InOpenAIOrder(message));
    }

    /// <summary>
    /// status, incomplete_details, error. A kept raw status (same protocol) is written back while it still means the
    /// finish reason the answer has now; otherwise they are derived from the finish reason.
    /// </summary>
    private static void WriteStatus(JsonFieldWriter writer, ChatResponse response)
    {
        string? keptStatus = KeptString(response.Extensions, "status");
        string? keptReason = null;
        if (Kept(response.Extensions, "incomplete_details") is { } raw)
        {
            using var document = JsonDocument.Parse(raw);
            keptReason = TryString(document.RootElement, "reason");
        }
        bool hasCalls = response.Message.Parts.Exists(p => p is ToolCallPart);
        if (keptStatus is not null && ResponsesStatus.Read(keptStatus, keptReason, hasCalls) == response.FinishReason)
        {
            return; // status, incomplete_details and error come back from the extensions as they were
        }
        var (status, reason) = ResponsesStatus.Write(response.FinishReason);
        writer.String("status", status);
        if (status == "failed")
        {
            writer.StartObject("error");
            writer.String("code", "server_error");
            writer.String("message", "The model failed to complete the answer.");
            writer.EndObject();
        }
        else
        {
            writer.Null("error");
        }
        if (reason is null)
        {
            writer.Null("incomplete_details");
        }
        else
        {
            writer.StartObject("incomplete_details");
            writer.String("reason", reason);
            writer.EndObject();
        }
    }

    private static bool IsOurs(ChatMessage message) =>
        ResponsesJsonRead.IsOurs(message.Extensions)
        || message.Parts.Exists(p => p is ToolCallPart { ItemId: not null } or ReasoningPart { ItemId: not null } || ResponsesJsonRead.IsOurs(p.Extensions));

    /// <summary>Reasoning first, then content, then calls: one message item between them, as OpenAI answers.</summary>
    private static ChatMessage InOpenAIOrder(ChatMessage message)
    {
        var ordered = new ChatMessage(message.Role);
        ordered.Parts.AddRange(message.Parts.Where(p => p is ReasoningPart));
        ordered.Parts.AddRange(message.Parts.Where(p => p is not (ReasoningPart or ToolCallPart)));
        ordered.Parts.AddRange(message.Parts.Where(p => p is ToolCallPart));
        return ordered;
    }
}
