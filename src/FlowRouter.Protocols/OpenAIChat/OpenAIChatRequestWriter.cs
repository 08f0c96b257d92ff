using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an OpenAI Chat Completions request body. A request read from this protocol
/// comes back as the same JSON (key order aside); one from another protocol gets its system parts as a leading
/// system message, its tool results as "tool" messages, and loses what OpenAI Chat cannot carry (reasoning parts,
/// cache markers, other protocols' extensions).
/// </summary>
public static class OpenAIChatRequestWriter
{
    private static readonly OpenAIChatRequestWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatRequest request, OpenAIChatRequestWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(request, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatRequest request, IBufferWriter<byte> output, OpenAIChatRequestWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, OpenAIJsonOptions.Writer);
        var writer = new JsonFieldWriter(WireProtocol.OpenAIChat, json);
        writer.StartObject();
        writer.String("model", options.Model ?? request.Model);
        WriteMessages(writer, request);
        OpenAIChatToolWriter.WriteTools(writer, request);
        OpenAIChatToolWriter.WriteToolChoice(writer, request);
        WriteSampling(writer, request, options);
        WriteOutput(writer, request);
        writer.Extensions(request.Extensions);
        writer.EndObject();
    }

    private static void WriteMessages(JsonFieldWriter writer, ChatRequest request)
    {
        writer.StartArray("messages");
        if (request.System.Count > 0)
        {
            OpenAIChatMessageWriter.WriteSystem(writer, request);
        }
        foreach (var message in request.Messages)
        {
            OpenAIChatMessageWriter.Write(writer, message);
        }
        writer.EndArray();
    }

    private static void WriteSampling(JsonFieldWriter writer, ChatRequest request, OpenAIChatRequestWriterOptions options)
    {
        if (request.ParallelToolCalls is { } parallel)
        {
            writer.Bool("parallel_tool_calls", parallel);
        }
        Number(writer, "temperature", request.Temperature);
        Number(writer, "top_p", request.TopP);
        if (request.TopK is { } topK)
        {
            writer.Number("top_k", topK);
        }
        Number(writer, "frequency_penalty", request.FrequencyPenalty);
        Number(writer, "presence_penalty", request.PresencePenalty);
        if (request.Seed is { } seed)
        {
            writer.Number("seed", seed);
        }
        if (request.MaxOutputTokens is { } maxTokens)
        {
            string field = request.MaxOutputTokensField is "max_tokens" or "max_completion_tokens"
                ? request.MaxOutputTokensField
                : options.DefaultMaxTokensField;
            writer.Number(field, maxTokens);
        }
        WriteStop(writer, request);
    }

    private static void WriteStop(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.StopSequences is not { } stops)
        {
            return;
        }
        if (request.StopIsString && stops.Count == 1)
        {
            writer.String("stop", stops[0]);
            return;
        }
        writer.StartArray("stop");
        foreach (string stop in stops)
        {
            writer.Json.WriteStringValue(stop);
        }
        writer.EndArray();
    }

    private static void WriteOutput(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.ResponseFormat is { } format)
        {
            OpenAIChatResponseFormatJson.Write(writer, format);
        }
        if (request.Reasoning?.Effort is { } effort)
        {
            writer.String("reasoning_effort", effort);
        }
        if (request.Stream)
        {
            writer.Bool("stream", true);
        }
        WriteStreamOptions(writer, request);
        if (request.User is not null)
        {
            writer.String("user", request.User);
        }
        if (request.MetadataJson is not null)
        {
            writer.Raw("metadata", request.MetadataJson);
        }
    }

    /// <summary>Reuses a raw stream_options object kept by the reader while it still says the same about usage.</summary>
    private static void WriteStreamOptions(JsonFieldWriter writer, ChatRequest request)
    {
        string? raw = request.Extensions?.AppliesTo(WireProtocol.OpenAIChat) == true ? request.Extensions.Get("stream_options") : null;
        if (raw is not null && RawIncludeUsage(raw) == request.StreamIncludeUsage)
        {
            writer.Raw("stream_options", raw);
        }
        else if (request.StreamIncludeUsage)
        {
            writer.StartObject("stream_options");
            writer.Bool("include_usage", true);
            writer.EndObject();
        }
    }

    private static bool RawIncludeUsage(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("include_usage", out var value)
            && value.ValueKind == JsonValueKind.True;
    }

    private static void Number(JsonFieldWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.Number(name, number);
        }
    }
}
