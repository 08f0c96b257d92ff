using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as a Messages response body. From another protocol: refusal text becomes a
/// text block, reasoning without a signature becomes a thinking block with an empty signature (shown to the client,
/// never replayed upstream: <see cref="AnthropicTurnBuilder"/> drops unsigned thinking), tool-call arguments are made
/// a JSON object, and the finish reason maps through <see cref="AnthropicStopReasons.Write"/>.
/// </summary>
public static class AnthropicResponseWriter
{
    private static readonly AnthropicResponseWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatResponse response, AnthropicResponseWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(response, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatResponse response, IBufferWriter<byte> output, AnthropicResponseWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, AnthropicJsonOptions.Writer);
        var writer = new JsonFieldWriter(WireProtocol.Anthropic, json);
        writer.StartObject();
        writer.String("id", response.Id.Length > 0 ? response.Id : options.Id ?? NewId());
        writer.String("type", "message");
        writer.String("role", "assistant");
        writer.String("model", options.Model ?? response.Model);
        writer.Name("content");
        AnthropicBlockWriter.WriteArray(writer, ContentOf(response.Message));
        string? raw = KeptStopReason(response);
        writer.String("stop_reason", response.FinishReason is { } finish ? AnthropicStopReasons.Write(finish, raw) : null);
        writer.String("stop_sequence", response.StopSequence);
        AnthropicUsage.Write(writer, response.Usage ?? new Usage());
        writer.Extensions(response.Extensions);
        writer.EndObject();
    }

    internal static string NewId() => "msg_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>The parts as Anthropic blocks: refusals as text, unsigned reasoning as thinking with an empty signature.</summary>
    internal static IEnumerable<ContentPart> ContentOf(ChatMessage message)
    {
        foreach (var part in message.Parts)
        {
            switch (part)
            {
                case RefusalPart refusal:
                    yield return new TextPart(refusal.Text);
                    break;
                case ReasoningPart { Text: null, Signature: null, RedactedData: null }:
                    break;
                case ToolCallPart call when call.Extensions?.Source != WireProtocol.Anthropic:
                    yield return new ToolCallPart(call.Id, call.Name, AnthropicBlockWriter.ToolInput(call.ArgumentsJson));
                    break;
                default:
                    yield return part;
                    break;
            }
        }
    }

    private static string? KeptStopReason(ChatResponse response)
    {
        if (response.Extensions?.AppliesTo(WireProtocol.Anthropic) != true || response.Extensions.Get("stop_reason") is not { } raw)
        {
            return null;
        }
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
    }
}
