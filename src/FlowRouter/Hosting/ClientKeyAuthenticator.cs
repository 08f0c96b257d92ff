using System.Security.Cryptography;
using System.Text;
using FlowRouter.Core.Config;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.Hosting;

/// <summary>
/// Checks the client key on /v1 calls. Only SHA-256 hashes of keys are held; the presented key is hashed and compared
/// against every stored hash in constant time, so timing reveals neither which key matched nor how much of it.
/// </summary>
internal sealed class ClientKeyAuthenticator(FlowRouterConfig config)
{
    public readonly record struct Result(bool Allowed, string? KeyName, string? Problem);

    private static readonly Result Anonymous = new(true, null, null);

    /// <summary>
    /// Checks the presented key. <paramref name="googleForms"/>: the Gemini API's routes, whose clients send the key
    /// as x-goog-api-key or ?key= (Google's SDKs and curl examples) besides Authorization: Bearer.
    /// </summary>
    public Result Authenticate(HttpRequest request, bool googleForms = false)
    {
        if (!config.KeysRequired)
        {
            return Anonymous;
        }
        string? presented = PresentedKey(request) ?? (googleForms ? GoogleKey(request) : null);
        if (presented is null)
        {
            return new(false, null, googleForms
                ? "Missing client key. Send it as 'x-goog-api-key: <key>', '?key=<key>' or 'Authorization: Bearer <key>'."
                : "Missing client key. Send it as 'Authorization: Bearer <key>' (or 'x-api-key: <key>').");
        }
        string? name = Match(presented);
        return name is null
            ? new(false, null, "Invalid client key.")
            : new(true, name, null);
    }

    private string? Match(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        int byteCount = Encoding.UTF8.GetByteCount(presented);
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            int written = Encoding.UTF8.GetBytes(presented, rented);
            SHA256.HashData(rented.AsSpan(0, written), hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
        string? matched = null;
        foreach (var key in config.Keys)
        {
            // No early exit: every stored hash is compared, whichever one matches.
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                matched = key.Name;
            }
        }
        return matched;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }
        string? apiKey = request.Headers["x-api-key"];
        return string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
    }

    private static string? GoogleKey(HttpRequest request)
    {
        string? header = request.Headers["x-goog-api-key"];
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }
        string? query = request.Query["key"];
        return string.IsNullOrWhiteSpace(query) ? null : query.Trim();
    }
}
