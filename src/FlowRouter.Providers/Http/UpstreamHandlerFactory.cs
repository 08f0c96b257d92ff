using System.Net;
using FlowRouter.Core.Config;

namespace FlowRouter.Providers.Http;

/// <summary>Builds the one pooled handler each provider gets.</summary>
internal static class UpstreamHandlerFactory
{
    public static SocketsHttpHandler Create(TimeoutSettings timeouts) => new()
    {
        // A gateway must not follow redirects, keep cookies or use a system proxy the user never chose for it.
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        // No Accept-Encoding is sent, so bodies arrive as the provider wrote them and relay without a decode step.
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = timeouts.Connect,
        EnableMultipleHttp2Connections = true,
        // Re-resolve DNS now and then: provider endpoints sit behind rotating load balancers.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        MaxConnectionsPerServer = int.MaxValue,
    };
}
