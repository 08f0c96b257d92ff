using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an OpenAI Responses request body. A request read from this protocol comes
/// back as the same JSON (key order aside). One from another protocol (the egress case) gets:
/// <list type="bullet">
/// <item><see cref="ChatRequest.System"/> as "instructions" (text parts joined by a blank line); system/developer
/// messages stay message items where the client put them;</item>
/// <item>assistant tool calls as function_call items, tool results as function_call_output items, images as
/// input_image, files as input_file (see <see cref="ResponsesItemWriter"/>);</item>
/// <item>reasoning replayed only as this protocol's own items (encrypted_content), never another protocol's
/// signatures; <see cref="ReasoningOptions"/> as "reasoning" (see <see cref="ResponsesReasoning"/>);</item>
/// <item>ResponseFormat as text.format, MaxOutputTokens as max_output_tokens (raised to 16, the API's minimum);</item>
/// <item>"store" only when the source said so (unless <see cref="ResponsesRequestWriterOptions.StoreFalseByDefault"/>);</item>
/// <item>stop sequences, seed, top_k and penalties dropped: the Responses API takes none of them.</item>
/// </list>
/// </summary>
public static class ResponsesRequestWriter
{
    /// <summary>The smallest max_output_tokens the Responses API accepts.</summary>
    public const int MinOutputTokens = 16;

    private static readonly ResponsesRequestWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatRequest request, ResponsesRequestWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(request, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatRequest request, IBufferWriter<byte> output, ResponsesRequestWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, OpenAIJsonOptions.Writer);
        var writer = new JsonFieldWriter(WireProtocol.OpenAIResponses, json);
        writer.StartObject();
        writer.String("model", options.Model ?? request.Model);
        WriteInstructions(writer, request);
        WriteInput(writer, request, options);
        ResponsesToolWriter.WriteTools(writer, request.Tools);
        ResponsesToolWriter.WriteToolChoice(writer, request);
        if (request.ParallelToolCalls is { } parallel)
        {
            writer.Bool("parallel_tool_calls", parallel);
        }
        ResponsesReasoning.Write(writer, request);
        ResponsesTextFormat.WriteText(writer, request.ResponseFormat, request.Extensions);
        WriteSampling(writer, request);
        WriteState(writer, request, options);
        writer.Extensions(request.Extensions);
        writer.EndObject();
    }

    private static void WriteInstructions(JsonFieldWriter writer, ChatRequest request)
    {
        var texts = request.System.OfType<TextPart>().Select(t => t.Text).ToList();
        if (texts.Count > 0)
        {
            writer.String("instructions", string.Join("\n\n", texts));
        }
    }

    private static void WriteInput(JsonFieldWriter writer, ChatRequest request, ResponsesRequestWriterOptions options)
    {
        if (HasMark(request.Extensions, ResponsesRequestReader.InputStringMarker)
            && request.Messages is [{ ContentIsString: true, Parts: [TextPart only] } single] && single.Role == ChatRole.User)
        {
            writer.String("input", only.Text);
            return;
        }
        var items = new ResponsesItemWriter(writer, output: false) { MayReplay = part => MayReplay(part, options) };
        foreach (var call in request.Messages.SelectMany(m => m.Parts).OfType<ToolCallPart>())
        {
            items.CallKinds[call.Id] = call.Kind;
        }
        writer.StartArray("input");
        foreach (var message in request.Messages)
        {
            items.Write(message);
        }
        writer.EndArray();
    }

    private static bool MayReplay(ReasoningPart part, ResponsesRequestWriterOptions options) =>
        Matches(part.OriginProvider, options.TargetProvider) && Matches(part.OriginModel, options.TargetModel);

    private static bool Matches(string? origin, string? target) =>
        origin is null || target is null || string.Equals(origin, target, StringComparison.OrdinalIgnoreCase);

    private static void WriteSampling(JsonFieldWriter writer, ChatRequest request)
    {
        if (request.MaxOutputTokens is { } maxTokens)
        {
            bool ours = request.MaxOutputTokensField == "max_output_tokens" && IsOurs(request.Extensions);
            writer.Number("max_output_tokens", ours ? maxTokens : Math.Max(maxTokens, MinOutputTokens));
        }
        if (request.Temperature is { } temperature)
        {
            writer.Number("temperature", temperature);
        }
        if (request.TopP is { } topP)
        {
            writer.Number("top_p", topP);
        }
        if (request.Truncation is not null)
        {
            writer.String("truncation", request.Truncation);
        }
    }

    private static void WriteState(JsonFieldWriter writer, ChatRequest request, ResponsesRequestWriterOptions options)
    {
        bool? store = request.Store ?? (options.StoreFalseByDefault && !IsOurs(request.Extensions) ? false : null);
        if (store is { } value)
        {
            writer.Bool("store", value);
        }
        if (request.PreviousResponseId is not null)
        {
            writer.String("previous_response_id", request.PreviousResponseId);
        }
        if (request.Include is { } include)
        {
            writer.StartArray("include");
            foreach (string item in include)
            {
                writer.Json.WriteStringValue(item);
            }
            writer.EndArray();
        }
        if (request.Stream)
        {
            writer.Bool("stream", true);
        }
        if (request.User is not null)
        {
            writer.String("user", request.User);
        }
        if (request.MetadataJson is not null)
        {
            writer.Raw("metadata", request.MetadataJson);
        }
    }
}
