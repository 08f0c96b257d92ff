using System.Security.Cryptography;
using System.Text;

namespace FlowRouter.Storage.Secrets;

/// <summary>
/// Encrypts credentials for storage with AES-256-GCM: a fresh random 12-byte nonce per value and a 16-byte tag, stored
/// as <c>v1:</c> + base64(nonce | ciphertext | tag). An optional context (e.g. "provider:openai:api_key") is bound as
/// associated data, so a value copied into another field fails to decrypt instead of being used there. A value that
/// fails to decrypt is a <see cref="SecretException"/>, never a fallback to the stored text.
/// </summary>
public sealed class SecretBox
{
    public const string Prefix = "v1:";
    private const int NonceSize = 12; // AesGcm.NonceByteSizes: 12 is the only size it takes
    private const int TagSize = 16;
    private const string DecryptFailed = "stored secret could not be decrypted: wrong master key or corrupted value";

    // Versioned, so a later format can never accept v1 associated data by accident.
    private static readonly byte[] AssociatedDataPrefix = "flowrouter-secret-v1\0"u8.ToArray();

    private readonly byte[] _key;

    public SecretBox(MasterKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.Bytes.ToArray();
    }

    /// <summary>True when <paramref name="value"/> looks like something <see cref="Protect"/> produced.</summary>
    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string plaintext, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        byte[] plain = Encoding.UTF8.GetBytes(plaintext);
        byte[] packed = new byte[NonceSize + plain.Length + TagSize];
        var nonce = packed.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        // One AesGcm per call: instances are not documented as thread-safe, and secrets are not on the hot path.
        using (var aes = new AesGcm(_key, TagSize))
        {
            aes.Encrypt(nonce, plain, packed.AsSpan(NonceSize, plain.Length), packed.AsSpan(NonceSize + plain.Length), AssociatedData(context));
        }
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(packed);
    }

    public string Unprotect(string stored, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsProtected(stored))
        {
            throw new SecretException("stored secret is not in the encrypted format (expected a 'v1:' value): corrupted value or written by another program");
        }
        byte[] packed = new byte[(stored.Length - Prefix.Length) / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(stored.AsSpan(Prefix.Length).ToString(), packed, out int length) || length < NonceSize + TagSize)
        {
            throw new SecretException(DecryptFailed);
        }
        int cipherLength = length - NonceSize - TagSize;
        byte[] plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(packed.AsSpan(0, NonceSize), packed.AsSpan(NonceSize, cipherLength), packed.AsSpan(NonceSize + cipherLength, TagSize), plain, AssociatedData(context));
            return Encoding.UTF8.GetString(plain);
        }
        catch (CryptographicException ex)
        {
            throw new SecretException(DecryptFailed, ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] AssociatedData(string? context)
    {
        int length = Encoding.UTF8.GetByteCount(context ?? "");
        byte[] data = new byte[AssociatedDataPrefix.Length + length];
        AssociatedDataPrefix.CopyTo(data, 0);
        Encoding.UTF8.GetBytes(context ?? "", data.AsSpan(AssociatedDataPrefix.Length));
        return data;
    }
}
