using System.Net;
using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Http;

/// <summary>Builds the one pooled handler each provider gets.</summary>
internal static class UpstreamHandlerFactory
{
    /// <summary>
    /// A request's own connect limit (a combo's timeouts.connect_seconds): the handler is shared by every request to
    /// the provider, so the limit rides on the request that opens the connection.
    /// </summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> ConnectLimit = new("flowrouter.connect_limit");

    public static SocketsHttpHandler Create(TimeoutSettings timeouts) => new()
    {
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, timeouts.Connect, cancellationToken),
        // A gateway must not follow redirects, keep cookies or use a system proxy the user never chose for it.
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        // No Accept-Encoding is sent, so bodies arrive as the provider wrote them and relay without a decode step.
        AutomaticDecompression = DecompressionMethods.None,
        // The connect limit is applied in ConnectAsync, per request; this outer one only backs it up.
        ConnectTimeout = Timeout.InfiniteTimeSpan,
        EnableMultipleHttp2Connections = true,
        // Re-resolve DNS now and then: provider endpoints sit behind rotating load balancers.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        MaxConnectionsPerServer = int.MaxValue,
    };

    /// <summary>Opens the TCP connection within the request's connect limit (else the provider's).</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, TimeSpan providerLimit, CancellationToken cancellationToken)
    {
        var limit = context.InitialRequestMessage.Options.TryGetValue(ConnectLimit, out var own) ? own : providerLimit;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, timeout.Token).ConfigureAwait(false);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"connect to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} took longer than {limit.TotalSeconds:0.###} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
