using FlowRouter.Core.Buffers;

namespace FlowRouter.Providers.Http;

/// <summary>Reads an upstream's whole body into one buffer, bounded, under the attempt's idle limit.</summary>
internal static class UpstreamBody
{
    /// <summary>
    /// Reads a whole body under the idle limit. Over <paramref name="maxBytes"/> it returns a null buffer (or, with
    /// <paramref name="truncate"/>, the first <paramref name="maxBytes"/>). A declared length over the limit fails
    /// before reading. Buffers past 1 MB are not pooled (<see cref="ByteBuffers"/>): a 30 MB answer is not kept.
    /// </summary>
    public static async ValueTask<(byte[]? Buffer, int Length)> ReadAsync(HttpResponseMessage response, int maxBytes, AttemptDeadline deadline, bool truncate = false)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes && !truncate)
        {
            return (null, 0);
        }
        var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
        var buffer = ByteBuffers.Rent(declared is > 0 ? (int)Math.Min(declared.Value + 1, maxBytes) : 16 * 1024);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= maxBytes)
                    {
                        if (truncate || !await HasMoreAsync(stream, deadline).ConfigureAwait(false))
                        {
                            return (buffer, length);
                        }
                        ByteBuffers.Return(buffer);
                        return (null, 0);
                    }
                    var bigger = ByteBuffers.Rent(Math.Min(buffer.Length * 2, maxBytes));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ByteBuffers.Return(buffer);
                    buffer = bigger;
                }
                deadline.Arm("idle", deadline.IdleLimit);
                int read = await stream.ReadAsync(buffer.AsMemory(length), deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }
                length += read;
            }
        }
        catch
        {
            ByteBuffers.Return(buffer);
            throw;
        }
    }

    /// <summary>True when a body that filled its whole limit has more bytes after it.</summary>
    private static async ValueTask<bool> HasMoreAsync(Stream stream, AttemptDeadline deadline)
    {
        deadline.Arm("idle", deadline.IdleLimit);
        return await stream.ReadAsync(new byte[1], deadline.Token).ConfigureAwait(false) > 0;
    }
}
