using System.Net;
using System.Net.Sockets;

namespace FlowRouter.Providers.Images;

/// <summary>
/// Which addresses an image URL may lead FlowRouter to. A client-supplied URL must not make the gateway read its own
/// network (SSRF): loopback, private (RFC 1918, unique-local fc00::/7), link-local (169.254/16 with the cloud
/// metadata address 169.254.169.254, fe80::/10), carrier-grade NAT, multicast, reserved and documentation ranges are
/// refused, as are IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) when the embedded one is. Checked on
/// the addresses a name resolves to, at connect time, so a name that resolves to 127.0.0.1 is refused too.
/// </summary>
public static class ImageAddressPolicy
{
    /// <summary>Names refused before any lookup: they always mean this machine or a cloud metadata service.</summary>
    public static bool IsForbiddenName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string name = host.TrimEnd('.').ToLowerInvariant();
        return name is "localhost" or "metadata" or "metadata.google.internal" or "instance-data" or "instance-data.ec2.internal"
            || name.EndsWith(".localhost", StringComparison.Ordinal);
    }

    /// <summary>True for an address an image URL must not reach.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsForbiddenV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsForbiddenV6(address),
            _ => true,
        };
    }

    private static bool IsForbiddenV4(ReadOnlySpan<byte> b) =>
        b[0] == 0                                       // 0.0.0.0/8 "this network"
        || b[0] == 10                                   // 10/8 private
        || b[0] == 127                                  // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)         // 100.64/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata 169.254.169.254
        || (b[0] == 172 && (b[1] & 0xF0) == 16)         // 172.16/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // 192.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)      // TEST-NET-1
        || (b[0] == 192 && b[1] == 168)                 // 192.168/16 private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)         // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)   // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)    // TEST-NET-3
        || b[0] >= 224;                                 // multicast 224/4, reserved 240/4, broadcast

    private static bool IsForbiddenV6(IPAddress address)
    {
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true; // ::1, ::, fe80::/10, fec0::/10, ff00::/8, fc00::/7 (fd00::/8, e.g. AWS's fd00:ec2::254)
        }
        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return true; // ::/96 IPv4-compatible (deprecated) and the unspecified address
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            return IsForbiddenV4(b.AsSpan(12, 4)); // 64:ff9b::/96 NAT64 embeds the IPv4 target
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsForbiddenV4(b.AsSpan(2, 4)); // 2002::/16 6to4 embeds the IPv4 address
        }
        return (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00); // 2001::/32 Teredo (hides its IPv4 target)
    }
}
