using System.Buffers;
using System.Text;

namespace FlowRouter.Core.Sse;

/// <summary>Formats Server-Sent Events into a buffer: optional "event:" line, one "data:" line, blank line.</summary>
public static class SseWriter
{
    public static void WriteEvent(IBufferWriter<byte> output, string? eventType, ReadOnlySpan<byte> data)
    {
        if (eventType is not null)
        {
            Write(output, "event: "u8);
            Span<byte> name = output.GetSpan(Encoding.UTF8.GetMaxByteCount(eventType.Length));
            output.Advance(Encoding.UTF8.GetBytes(eventType, name));
            Write(output, "\n"u8);
        }
        Write(output, "data: "u8);
        Write(output, data);
        Write(output, "\n\n"u8);
    }

    /// <summary>OpenAI Chat's end-of-stream sentinel.</summary>
    public static void WriteDone(IBufferWriter<byte> output) => Write(output, "data: [DONE]\n\n"u8);

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
