namespace FlowRouter.Core.Sse;

/// <summary>
/// One Server-Sent Event as read from a stream. <see cref="Raw"/> is the event's exact bytes including its
/// terminating blank line (what a relay forwards); <see cref="Data"/> is the joined data lines. Both borrow the
/// reader's buffer and are valid only until the reader's next read.
/// </summary>
public readonly struct SseEvent(ReadOnlyMemory<byte> raw, ReadOnlyMemory<byte> data, string? eventType, bool hasData)
{
    public ReadOnlyMemory<byte> Raw { get; } = raw;
    public ReadOnlyMemory<byte> Data { get; } = data;

    /// <summary>The value of the "event:" field, or null when the event had none (OpenAI Chat never sends one).</summary>
    public string? EventType { get; } = eventType;

    /// <summary>False for events made only of comments or other fields (e.g. ": keep-alive").</summary>
    public bool HasData { get; } = hasData;

    /// <summary>True for OpenAI's end-of-stream sentinel "data: [DONE]".</summary>
    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);
}
