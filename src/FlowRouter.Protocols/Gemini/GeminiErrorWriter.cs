using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Errors;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes a <see cref="GatewayError"/> as Gemini's error body {"error":{"code","message","status","details"?}}. code is
/// the HTTP status the host answers with (<see cref="GatewayError.Status"/>); status is the upstream's own word when
/// it is a google.rpc status (a same-protocol hop), else the word for the error's kind (<see cref="GeminiErrorStatus"/>).
/// An upper-case reason code (API_KEY_INVALID) goes out as an ErrorInfo detail and a known retry delay as a RetryInfo
/// detail, where Google's SDKs look for them.
/// </summary>
public static class GeminiErrorWriter
{
    public static byte[] Write(GatewayError error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(error, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(GatewayError error, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, GeminiJson.Writer);
        Write(error, writer);
    }

    internal static void Write(GatewayError error, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteNumber("code", error.Status);
        writer.WriteString("message", error.Message);
        writer.WriteString("status", StatusOf(error));
        bool reason = error.Code is { Length: > 0 } code && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
        if (reason || error.RetryAfterSeconds is not null)
        {
            writer.WriteStartArray("details");
            if (reason)
            {
                writer.WriteStartObject();
                writer.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                writer.WriteString("reason", error.Code);
                writer.WriteString("domain", "googleapis.com");
                writer.WriteEndObject();
            }
            if (error.RetryAfterSeconds is { } seconds)
            {
                writer.WriteStartObject();
                writer.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
                writer.WriteString("retryDelay", seconds.ToString(CultureInfo.InvariantCulture) + "s");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string StatusOf(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return GeminiErrorStatus.Parse(error.Type) is not null ? error.Type! : GeminiErrorStatus.For(error.Kind);
    }
}
