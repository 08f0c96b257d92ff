namespace FlowRouter.Core.Sse;

/// <summary>
/// Thrown by <see cref="SseReader"/> when one event is larger than the reader's limit: an I/O fault of the stream, caught
/// where the other read faults are.
/// </summary>
public sealed class SseEventTooLargeException : IOException
{
    public SseEventTooLargeException()
        : this(SseReader.DefaultMaxEventBytes)
    {
    }

    public SseEventTooLargeException(int maxEventBytes)
        : base($"A server-sent event exceeded {maxEventBytes} bytes.")
    {
        MaxEventBytes = maxEventBytes;
    }

    public SseEventTooLargeException(string message)
        : base(message)
    {
    }

    public SseEventTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit that was exceeded.</summary>
    public int MaxEventBytes { get; } = SseReader.DefaultMaxEventBytes;
}
