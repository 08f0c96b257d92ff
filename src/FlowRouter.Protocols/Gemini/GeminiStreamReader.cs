using System.Buffers;
using System.Runtime.CompilerServices;
using FlowRouter.Core.Errors;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Turns an upstream Gemini stream into canonical events as the bytes arrive: <see cref="ReadAsync"/> for
/// streamGenerateContent?alt=sse, <see cref="ReadJsonArrayAsync"/> for the JSON-array body without alt=sse. Both end
/// with a <see cref="StreamError"/> when the upstream closes before a finishReason, never with a clean stop.
/// </summary>
public static class GeminiStreamReader
{
    public static IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, CancellationToken cancellationToken) =>
        StreamDecoding.ReadAsync(stream, new GeminiStreamDecoder(), cancellationToken);

    public static IAsyncEnumerable<StreamEvent> ReadJsonArrayAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadJsonArrayAsync(stream, GeminiJsonArrayStream.DefaultMaxElementBytes, cancellationToken);

    /// <summary>The JSON-array body, each chunk at most <paramref name="maxChunkBytes"/> (a bigger one ends the stream with an error).</summary>
    public static async IAsyncEnumerable<StreamEvent> ReadJsonArrayAsync(Stream stream, int maxChunkBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var splitter = new GeminiJsonArrayStream(maxChunkBytes);
        var decoder = new GeminiStreamDecoder();
        var elements = new List<byte[]>();
        var events = new List<StreamEvent>(4);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                elements.Clear();
                string? framingError = Split(splitter, buffer.AsSpan(0, read), elements);
                foreach (var element in elements)
                {
                    events.Clear();
                    bool finished = decoder.DecodeChunk(element, events);
                    foreach (var item in events)
                    {
                        yield return item;
                    }
                    if (finished)
                    {
                        yield break;
                    }
                }
                if (framingError is not null)
                {
                    yield return new StreamError(new GatewayError(ErrorKind.UpstreamError, 502, "The upstream stream is malformed: " + framingError));
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        events.Clear();
        decoder.Truncated(events);
        foreach (var item in events)
        {
            yield return item;
        }
    }

    private static string? Split(GeminiJsonArrayStream splitter, ReadOnlySpan<byte> bytes, List<byte[]> elements)
    {
        try
        {
            splitter.Append(bytes, elements);
            return null;
        }
        catch (GeminiFormatException ex)
        {
            return ex.Message;
        }
    }
}
