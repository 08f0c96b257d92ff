using System.Security.Cryptography;
using FlowRouter.Storage.Secrets;

namespace FlowRouter.UnitTests.Storage;

public sealed class SecretBoxTests
{
    private static MasterKey Key(byte fill = 7) =>
        MasterKey.Load("/nonexistent", name => name == MasterKey.EnvironmentVariable ? Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) : null);

    [Theory]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789", null)]
    [InlineData("", "provider:openai:api_key")]
    [InlineData("ünïcødé ✓ key", "oauth:gemini:refresh_token")]
    public void Protect_ThenUnprotect_ReturnsOriginal(string secret, string? context)
    {
        var box = new SecretBox(Key());
        string stored = box.Protect(secret, context);
        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Length > 0 ? secret : "\0", stored, StringComparison.Ordinal);
        Assert.True(SecretBox.IsProtected(stored));
        Assert.Equal(secret, box.Unprotect(stored, context));
    }

    [Fact]
    public void Protect_SamePlaintextTwice_FreshNonceGivesDifferentValues()
    {
        var box = new SecretBox(Key());
        var values = Enumerable.Range(0, 50).Select(_ => box.Protect("sk-same-secret")).ToHashSet();
        Assert.Equal(50, values.Count);
        var nonces = values.Select(v => Convert.ToBase64String(Convert.FromBase64String(v[3..])[..12])).ToHashSet();
        Assert.Equal(50, nonces.Count);
    }

    [Fact]
    public void Protect_Layout_IsNonceCiphertextTag()
    {
        string stored = new SecretBox(Key()).Protect("twelve bytes");
        Assert.Equal(12 + 12 + 16, Convert.FromBase64String(stored[3..]).Length);
    }

    [Fact]
    public void Unprotect_AnyByteFlipped_ThrowsSecretException()
    {
        var box = new SecretBox(Key());
        string stored = box.Protect("sk-tamper-me", "provider:a:api_key");
        byte[] packed = Convert.FromBase64String(stored[3..]);
        for (int i = 0; i < packed.Length; i++)
        {
            byte[] copy = (byte[])packed.Clone();
            copy[i] ^= 0x01;
            var error = Assert.Throws<SecretException>(() => box.Unprotect("v1:" + Convert.ToBase64String(copy), "provider:a:api_key"));
            Assert.Equal("stored secret could not be decrypted: wrong master key or corrupted value", error.Message);
        }
    }

    [Fact]
    public void Unprotect_WrongMasterKey_ThrowsSecretExceptionWithoutStoredBytes()
    {
        string stored = new SecretBox(Key(1)).Protect("sk-wrong-key-secret");
        var error = Assert.Throws<SecretException>(() => new SecretBox(Key(2)).Unprotect(stored));
        Assert.Contains("wrong master key or corrupted value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(stored[3..], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key-secret", error.Message, StringComparison.Ordinal);
        Assert.IsType<AuthenticationTagMismatchException>(error.InnerException);
    }

    [Fact]
    public void Unprotect_WrongContext_ThrowsSecretException()
    {
        var box = new SecretBox(Key());
        string stored = box.Protect("sk-bound", "provider:openai:api_key");
        Assert.Throws<SecretException>(() => box.Unprotect(stored, "provider:anthropic:api_key"));
        Assert.Throws<SecretException>(() => box.Unprotect(stored));
    }

    [Theory]
    [InlineData("sk-plaintext-never-encrypted")]
    [InlineData("v1:not base64!!")]
    [InlineData("v1:AAAA")]
    [InlineData("v1:")]
    public void Unprotect_NotAnEncryptedValue_ThrowsAndNeverReturnsInput(string stored)
    {
        var error = Assert.Throws<SecretException>(() => new SecretBox(Key()).Unprotect(stored));
        Assert.DoesNotContain(stored.Length > 3 ? stored[3..] : "\0", error.Message, StringComparison.Ordinal);
    }
}
