using System.Buffers;
using FlowRouter.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// Reads a JSON request body into a pooled buffer under the size limit. The content type must be JSON when given;
/// a body over the limit is refused as soon as its declared length, or the bytes read, pass the limit. A body Kestrel
/// rejects while it arrives (malformed chunks, too slow) is the client's fault: a 400 or 408, never an exception.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[] _buffer;
    private readonly bool _pooled;

    private RequestBody(byte[] buffer, int length, bool pooled = true)
    {
        _buffer = buffer;
        Length = length;
        _pooled = pooled;
    }

    /// <summary>A body FlowRouter rewrote (token saver, caveman mode): owned, not from the pool.</summary>
    public static RequestBody Rewritten(byte[] bytes) => new(bytes, bytes.Length, pooled: false);

    public int Length { get; }
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public static GatewayError? CheckContentType(HttpRequest request)
    {
        string? contentType = request.ContentType;
        if (contentType is null)
        {
            return null; // curl --data-binary without -H: be lenient, the JSON parse decides
        }
        var mediaType = contentType.AsSpan();
        int semicolon = mediaType.IndexOf(';');
        mediaType = (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? null
            : new GatewayError(ErrorKind.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{contentType}' is not supported: send the request body as application/json.");
    }

    public static async ValueTask<(RequestBody? Body, GatewayError? Error)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        long? declared = request.ContentLength;
        if (declared > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 ? (int)declared.Value : 16 * 1024);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, TooLarge(maxBytes));
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, TooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel refused the body while it arrived (bad chunk framing, a stall under the minimum data rate):
            // the client's fault, answered in the client's own error shape rather than as a 500.
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, Unreadable(ex.StatusCode));
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // The client closed the connection mid-body (ConnectionResetException is an IOException): nobody to answer.
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, new GatewayError(ErrorKind.InvalidRequest, StatusCodes.Status499ClientClosedRequest, "The client closed the connection while sending the body."));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        return length == 0
            ? (Release(buffer), GatewayError.InvalidRequest("The request body is empty: send a JSON object."))
            : (new RequestBody(buffer, length), null);
    }

    private static RequestBody? Release(byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        return null;
    }

    /// <summary>The answer for a body Kestrel gave up on, by the status Kestrel chose (its messages are resource keys under AOT).</summary>
    private static GatewayError Unreadable(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => new(ErrorKind.InvalidRequest, status,
            "The request body arrived too slowly (under the server's minimum data rate): send the whole body without pausing."),
        StatusCodes.Status413PayloadTooLarge => new(ErrorKind.RequestTooLarge, status, "The request body is too large."),
        _ => new(ErrorKind.InvalidRequest, StatusCodes.Status400BadRequest,
            "The request body could not be read: its framing is malformed (bad chunked encoding, or fewer bytes than Content-Length)."),
    };

    private static GatewayError TooLarge(long maxBytes) =>
        new(ErrorKind.RequestTooLarge, StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than the {maxBytes / (1024 * 1024)} MB limit (server.max_body_mb).");

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            if (_pooled)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            _buffer = [];
        }
    }
}
