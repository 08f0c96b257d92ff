using System.Security.Cryptography;

namespace FlowRouter.Endpoints;

/// <summary>Short random request ids ("req_" + 20 hex digits), unique enough to find one line in a log.</summary>
internal static class RequestIds
{
    public static string Next()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return "req_" + Convert.ToHexStringLower(random);
    }
}
