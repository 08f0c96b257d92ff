using Microsoft.AspNetCore.Connections;

namespace FlowRouter.Hosting;

/// <summary>
/// Connection middleware for what Kestrel decides before any request middleware runs. Kestrel answers a malformed
/// request line or headers, a URL over its 8 KB limit (414), headers over 32 KB (431) or headers that stall (408)
/// itself, with Content-Length: 0 and no hook to add a body; <see cref="GuardedOutput"/> recognises that answer on
/// the wire and gives it a JSON error body in the client's API shape. Kestrel also keeps only the number of a
/// Content-Length it parsed leniently ("+70"); <see cref="GuardedInput"/> sees the raw header and flags it for
/// <see cref="Endpoints.MalformedRequestGuard"/>.
/// </summary>
internal static class KestrelGuard
{
    public static ConnectionDelegate Use(ConnectionDelegate next) => connection =>
    {
        var guard = new ConnectionGuard();
        connection.Features.Set(guard);
        connection.Transport = new GuardedTransport(new GuardedInput(connection.Transport.Input, guard), new GuardedOutput(connection.Transport.Output, guard));
        return next(connection);
    };
}
