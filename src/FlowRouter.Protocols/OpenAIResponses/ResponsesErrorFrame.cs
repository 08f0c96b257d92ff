using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// The Responses stream's error event: event: error, data {"type":"error","sequence_number","code","message",
/// "param"}. Codes and messages follow OpenAI's error body (see <see cref="OpenAIErrorWriter"/>).
/// </summary>
public static class ResponsesErrorFrame
{
    public static void Write(GatewayError error, int sequenceNumber, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(error);
        output.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(output, OpenAIJsonOptions.Writer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "error");
            writer.WriteNumber("sequence_number", sequenceNumber); // second, as on every event the stream writer emits
            writer.WriteString("code", error.Code ?? OpenAIErrorWriter.CodeFor(error.Kind) ?? OpenAIErrorWriter.TypeFor(error.Kind));
            writer.WriteString("message", error.Message);
            writer.WriteString("param", error.Param);
            writer.WriteEndObject();
        }
        output.Write("\n\n"u8);
    }
}
