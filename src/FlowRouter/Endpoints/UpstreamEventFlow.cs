using FlowRouter.Providers.Http;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Endpoints;

/// <summary>
/// The read/flush rhythm both stream relays share: events that arrived together are taken without a flush (one
/// send for all of them); as soon as the next event is not here yet, what was written is flushed and the relay
/// waits for the upstream. A client that went away shows up as a <see cref="FailureAction.ClientGone"/> failure.
/// </summary>
internal static class UpstreamEventFlow
{
    public static async ValueTask<StreamRead> NextAsync(HttpContext http, UpstreamCall call)
    {
        if (call.TryReadBufferedEvent(out var buffered))
        {
            return StreamRead.Of(buffered);
        }
        var flushed = await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            return StreamRead.Fail(UpstreamFailureClassifier.ClientGone);
        }
        return await call.ReadEventAsync().ConfigureAwait(false);
    }

    /// <summary>Records that the client left; nothing more is written to it.</summary>
    public static void MarkClientGone(RequestOutcome outcome)
    {
        outcome.Status = 499;
        outcome.Error = "client closed the request";
    }
}
