using Microsoft.AspNetCore.Http;

namespace FlowRouter.Ingress;

/// <summary>
/// Writes a whole JSON answer to the client. Up to 1 MB it goes in one write (one send; bench/RESULTS.md). A larger
/// one goes in 64 KB slices, each flushed before the next is copied: PipeWriter copies everything it is given into
/// Kestrel's pooled 4 KB blocks before it sends, and the pool keeps its blocks (when idle it lets go of 5 % every
/// 10 s), so one 30 MB answer written at once left ~30 MB in that pool for minutes.
/// </summary>
internal static class AnswerBody
{
    private const int SingleWriteBytes = 1024 * 1024;
    private const int SliceBytes = 64 * 1024;

    public static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var output = response.BodyWriter;
        if (body.Length <= SingleWriteBytes)
        {
            await output.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            return;
        }
        for (int offset = 0; offset < body.Length; offset += SliceBytes)
        {
            // WriteAsync flushes, and a flush waits while the socket is behind: at most a slice or two is buffered.
            var flushed = await output.WriteAsync(body.Slice(offset, Math.Min(SliceBytes, body.Length - offset)), cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }
}
