using System.Buffers;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Asks an OpenAI-compatible upstream for the final usage chunk ("stream_options":{"include_usage":true}) when the
/// client did not, so every streamed request is counted. The relay then drops that chunk again, so the client sees
/// what it asked for. Spliced into the bytes: the rest of the body is untouched.
/// </summary>
public static class StreamUsageRequest
{
    private static ReadOnlySpan<byte> Field => "\"stream_options\":{\"include_usage\":true}"u8;

    /// <summary>Writes <paramref name="body"/> (a JSON object) with the stream_options field added first.</summary>
    public static void Write(ReadOnlySpan<byte> body, IBufferWriter<byte> output)
    {
        int open = body.IndexOf((byte)'{');
        if (open < 0)
        {
            output.Write(body);
            return;
        }
        output.Write(body[..(open + 1)]);
        output.Write(Field);
        var rest = body[(open + 1)..];
        if (rest.TrimStart(" \t\r\n"u8) is { Length: > 0 } trimmed && trimmed[0] != (byte)'}')
        {
            output.Write(","u8);
        }
        output.Write(rest);
    }
}
