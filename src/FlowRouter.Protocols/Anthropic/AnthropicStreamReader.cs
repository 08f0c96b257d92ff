using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Turns an upstream Messages SSE body into canonical stream events as the bytes arrive, one SSE event at a time.
/// A stream that ends without message_stop is reported as a <see cref="StreamError"/> (the upstream closed it
/// early), never as a clean stop, so the gateway does not pass a truncated answer off as complete.
/// </summary>
public static class AnthropicStreamReader
{
    public static IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, CancellationToken cancellationToken) =>
        StreamDecoding.ReadAsync(stream, new AnthropicStreamDecoder(), cancellationToken);
}
