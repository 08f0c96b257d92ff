using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as a chat.completion body with one choice. Text parts are joined into the
/// content string, refusals into "refusal", reasoning into "reasoning_content" (the DeepSeek field most OpenAI-
/// compatible clients read), tool calls into tool_calls (or function_call for a legacy call).
/// </summary>
public static class OpenAIChatResponseWriter
{
    private static readonly OpenAIChatResponseWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatResponse response, OpenAIChatResponseWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(response, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatResponse response, IBufferWriter<byte> output, OpenAIChatResponseWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, OpenAIJsonOptions.Writer);
        var writer = new JsonFieldWriter(WireProtocol.OpenAIChat, json);
        writer.StartObject();
        writer.String("id", response.Id.Length > 0 ? response.Id : options.Id ?? NewId());
        writer.String("object", "chat.completion");
        writer.Number("created", response.Created ?? options.Created ?? options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        writer.String("model", options.Model ?? response.Model);
        bool keptChoices = response.Extensions?.AppliesTo(WireProtocol.OpenAIChat) == true && response.Extensions.Get("choices") is not null;
        if (!keptChoices)
        {
            WriteChoice(writer, response);
        }
        if (response.Usage is { } usage)
        {
            OpenAIUsageJson.Write(writer, usage);
        }
        writer.Extensions(response.Extensions);
        writer.EndObject();
    }

    internal static string NewId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    private static void WriteChoice(JsonFieldWriter writer, ChatResponse response)
    {
        writer.StartArray("choices");
        writer.StartObject();
        writer.Number("index", 0L);
        WriteMessage(writer, response.Message);
        if (response.FinishReason is { } finish)
        {
            bool legacy = response.Message.Parts.Exists(p => p is ToolCallPart { LegacyFunctionCall: true });
            writer.String("finish_reason", OpenAIFinishReasons.Write(finish, legacy));
        }
        writer.Extensions(response.ChoiceExtensions);
        writer.EndObject();
        writer.EndArray();
    }

    private static void WriteMessage(JsonFieldWriter writer, ChatMessage message)
    {
        writer.StartObject("message");
        writer.String("role", "assistant");
        var texts = message.Parts.OfType<TextPart>().ToList();
        if (texts.Count == 0 && !message.ContentIsString)
        {
            writer.Null("content");
        }
        else
        {
            writer.String("content", Join(texts.Select(t => t.Text)));
        }
        var refusals = message.Parts.OfType<RefusalPart>().ToList();
        if (refusals.Count > 0)
        {
            writer.String("refusal", Join(refusals.Select(r => r.Text)));
        }
        var reasoning = message.Parts.OfType<ReasoningPart>().Where(r => !string.IsNullOrEmpty(r.Text)).ToList();
        if (reasoning.Count > 0)
        {
            writer.String("reasoning_content", Join(reasoning.Select(r => r.Text!)));
        }
        OpenAIChatToolCallWriter.WriteToolCalls(writer, message.Parts.OfType<ToolCallPart>().ToList());
        if (texts.Find(t => t.AnnotationsJson is not null) is { } annotated)
        {
            writer.Raw("annotations", annotated.AnnotationsJson!);
        }
        writer.Extensions(message.Extensions);
        writer.EndObject();
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
