using System.Net;
using FlowRouter.Core.Config;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// The names this server answers to and the origins that count as its own. A web page can make the browser send
/// requests to 127.0.0.1 (cross-site requests) and, by pointing its own host name at 127.0.0.1 (DNS rebinding), even
/// read the answers; both carry a foreign name, in the Host header for rebinding and in Origin/Referer for
/// cross-site requests. Allowed: localhost, loopback addresses, the address the server is bound to, the names in
/// server.allowed_hosts (reverse proxies), and, when the server listens on every interface, any IP literal (a
/// rebinding page always brings a name, never an address).
/// </summary>
internal sealed class AllowedHosts
{
    private readonly HashSet<string> _names;
    private readonly IPAddress? _bound;
    private readonly bool _anyAddress;
    private readonly bool _anyName;

    public AllowedHosts(ServerConfig server, string boundHost)
    {
        _names = new HashSet<string>(server.AllowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase) { "localhost" };
        _anyName = _names.Contains("*");
        if (IPAddress.TryParse(boundHost, out var bound))
        {
            _anyAddress = bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any);
            _bound = _anyAddress ? null : bound;
        }
    }

    private string? _lastAllowed;

    /// <summary>True when a request carrying this Host may be served (an absent Host is a non-browser client).</summary>
    public bool IsAllowed(HostString host)
    {
        // Nearly every request carries the same Host as the one before: one string comparison instead of a parse.
        if (!host.HasValue || string.Equals(host.Value, Volatile.Read(ref _lastAllowed), StringComparison.Ordinal))
        {
            return true;
        }
        if (!IsAllowedName(host.Host))
        {
            return false;
        }
        Volatile.Write(ref _lastAllowed, host.Value);
        return true;
    }

    /// <summary>
    /// True when <paramref name="origin"/> (an Origin header, or the scheme://host[:port] of a Referer) is this
    /// server's own: the request's own Host (as the browser addressed it) or a configured proxy name.
    /// </summary>
    public bool IsOwnOrigin(string origin, HostString requestHost)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false; // "null" (sandboxed frames, file: pages) and anything else that is not a web origin
        }
        if (requestHost.HasValue && string.Equals(uri.Authority, requestHost.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        string name = Normalize(uri.Host);
        return !_anyName && _names.Contains(name) && name != "localhost";
    }

    private bool IsAllowedName(string host)
    {
        string name = Normalize(host);
        if (_anyName || _names.Contains(name))
        {
            return true;
        }
        if (!IPAddress.TryParse(name, out var address))
        {
            return false;
        }
        return IPAddress.IsLoopback(address) || _anyAddress || address.Equals(_bound);
    }

    /// <summary>Lower case, no brackets around an IPv6 address, no trailing dot.</summary>
    private static string Normalize(string host)
    {
        string name = host.Trim().TrimEnd('.');
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            name = name[1..^1];
        }
        return name.ToLowerInvariant();
    }
}
