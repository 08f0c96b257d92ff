using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace FlowRouter.Hosting.Login;

/// <summary>
/// Admin passwords as argon2id (RFC 9106) PHC strings: <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>, salt
/// and hash in unpadded standard base64 (the reference implementation's encoding, so `argon2 … -id -e` output
/// verifies here). New hashes use the OWASP Password Storage Cheat Sheet's first argon2id setting: 19 MiB of memory,
/// 2 passes, 1 lane, a 16-byte random salt and a 32-byte hash. A stored string is verified with its own parameters
/// (a hash made with other settings keeps working), within bounds, so an edited file cannot demand gigabytes or hours.
/// Comparison is constant-time. Konscious.Security.Cryptography.Argon2 is pure managed code (no native library to
/// ship beside the AOT binary).
/// </summary>
internal static class PasswordHasher
{
    public const int MemoryKib = 19_456;
    public const int Iterations = 2;
    public const int Parallelism = 1;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    /// <summary>Shortest password the CLI and the API accept.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Longest password accepted anywhere: argon2 takes any length, but a login body has no need for more.</summary>
    public const int MaxPasswordLength = 1024;

    // Bounds for a stored string's own parameters (verification runs with them).
    private const int MaxMemoryKib = 262_144; // 256 MiB
    private const int MaxIterations = 16;
    private const int MaxParallelism = 16;
    private const int Version = 19; // 0x13, the only version Konscious implements (and the current one)
    private const string Format = "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>";

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Hash(password, RandomNumberGenerator.GetBytes(SaltBytes));
    }

    /// <summary>With a given salt: for known-answer tests; production uses <see cref="Hash(string)"/>.</summary>
    internal static string Hash(string password, byte[] salt)
    {
        byte[] hash = Derive(password, salt, MemoryKib, Iterations, Parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v={Version}$m={MemoryKib},t={Iterations},p={Parallelism}${B64(salt)}${B64(hash)}");
    }

    /// <summary>Null when <paramref name="phc"/> is a usable argon2id PHC string, else what is wrong with it.</summary>
    public static string? Validate(string phc) => Parse(phc, out _, out string? error) ? null : error;

    public static PasswordCheck Verify(string password, string phc)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!Parse(phc, out var parsed, out string? error))
        {
            return PasswordCheck.Unusable(error!);
        }
        if (password.Length is 0 or > MaxPasswordLength)
        {
            return PasswordCheck.Mismatch; // no stored hash is of an empty password (and Argon2id refuses one)
        }
        byte[] actual = Derive(password, parsed.Salt, parsed.MemoryKib, parsed.Iterations, parsed.Parallelism, parsed.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(actual, parsed.Hash) ? PasswordCheck.Match : PasswordCheck.Mismatch;
    }

    private static byte[] Derive(string password, byte[] salt, int memoryKib, int iterations, int parallelism, int length)
    {
        byte[] secret = Encoding.UTF8.GetBytes(password);
        try
        {
            using var argon = new Argon2id(secret)
            {
                Salt = salt,
                MemorySize = memoryKib,
                Iterations = iterations,
                DegreeOfParallelism = parallelism,
            };
            return argon.GetBytes(length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private readonly record struct Parsed(int MemoryKib, int Iterations, int Parallelism, byte[] Salt, byte[] Hash);

    private static bool Parse(string? phc, out Parsed parsed, out string? error)
    {
        parsed = default;
        error = null;
        string[] parts = (phc ?? "").Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id")
        {
            error = $"not an argon2id PHC string (expected {Format})";
            return false;
        }
        if (parts[2] != "v=19")
        {
            error = "unsupported argon2 version (expected v=19)";
            return false;
        }
        string[] costs = parts[3].Split(',');
        if (costs.Length != 3
            || !Cost(costs[0], "m=", 8, MaxMemoryKib, out int memory)
            || !Cost(costs[1], "t=", 1, MaxIterations, out int iterations)
            || !Cost(costs[2], "p=", 1, MaxParallelism, out int parallelism)
            || memory < 8 * parallelism)
        {
            error = $"argon2id parameters must be m=<8·p…{MaxMemoryKib}>,t=<1…{MaxIterations}>,p=<1…{MaxParallelism}> in that order";
            return false;
        }
        if (FromB64(parts[4]) is not { Length: >= 8 and <= 64 } salt)
        {
            error = "the salt must be 8 to 64 bytes in unpadded base64";
            return false;
        }
        if (FromB64(parts[5]) is not { Length: >= 16 and <= 64 } hash)
        {
            error = "the hash must be 16 to 64 bytes in unpadded base64";
            return false;
        }
        parsed = new Parsed(memory, iterations, parallelism, salt, hash);
        return true;
    }

    private static bool Cost(string text, string prefix, int min, int max, out int value)
    {
        value = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max;
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? FromB64(string text)
    {
        if (text.Length == 0 || text.Length % 4 == 1 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/')))
        {
            return null;
        }
        try
        {
            return Convert.FromBase64String(text + new string('=', (4 - text.Length % 4) % 4));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
