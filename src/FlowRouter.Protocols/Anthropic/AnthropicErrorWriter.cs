using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Errors;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Writes a <see cref="GatewayError"/> as Anthropic's error body {"type":"error","error":{"type","message"}}. An
/// upstream's own type passes through when it is one of Anthropic's (same-protocol hop); any other words (an OpenAI
/// "server_error") are replaced by the type for the error's kind, because Anthropic's SDKs map types to exceptions.
/// The HTTP status to answer with is the error's own <see cref="GatewayError.Status"/>.
/// </summary>
public static class AnthropicErrorWriter
{
    public static byte[] Write(GatewayError error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(error, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(GatewayError error, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, AnthropicJsonOptions.Writer);
        Write(error, writer);
    }

    internal static void Write(GatewayError error, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        writer.WriteStartObject("error");
        writer.WriteString("type", TypeOf(error));
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string TypeOf(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return AnthropicErrorTypes.Parse(error.Type) is not null ? error.Type! : AnthropicErrorTypes.For(error.Kind);
    }
}
