using FlowRouter.Storage.Secrets;

namespace FlowRouter.UnitTests.Storage;

public sealed class MasterKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Func<string, string?> Env(string? key) => name => name == MasterKey.EnvironmentVariable ? key : null;

    [Fact]
    public void Load_EnvironmentKeySet_TakesPrecedenceOverKeyFile()
    {
        var fromFile = MasterKey.Load(_dir, Env(null));
        byte[] envBytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var fromEnv = MasterKey.Load(_dir, Env(Convert.ToBase64String(envBytes)));
        Assert.Equal(envBytes, fromEnv.Bytes.ToArray());
        Assert.Equal(MasterKey.EnvironmentVariable, fromEnv.Source);
        Assert.NotEqual(fromFile.Bytes.ToArray(), fromEnv.Bytes.ToArray());
    }

    [Fact]
    public void Load_HexEnvironmentKey_IsAccepted()
    {
        byte[] bytes = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(bytes, MasterKey.Load(_dir, Env(Convert.ToHexString(bytes).ToLowerInvariant())).Bytes.ToArray());
        Assert.False(File.Exists(Path.Combine(_dir, MasterKey.FileName)));
    }

    [Theory]
    [InlineData("c2hvcnQ=", "must be 32 bytes, got 5")]
    [InlineData("0011223344", "must be 32 bytes, got")]
    [InlineData("not a key at all: ***", "base64 (44 characters) or hex (64 digits)")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIj", "must be 32 bytes, got 36")]
    public void Load_MalformedEnvironmentKey_ClearErrorWithoutTheValue(string value, string expected)
    {
        var error = Assert.Throws<SecretException>(() => MasterKey.Load(_dir, Env(value)));
        Assert.Contains(MasterKey.EnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoKeyAnywhere_GeneratesOwnerOnlyFileAndReusesIt()
    {
        string dataDir = Path.Combine(_dir, "data");
        var first = MasterKey.Load(dataDir, Env(null));
        string path = Path.Combine(dataDir, MasterKey.FileName);
        Assert.Equal(path, first.Source);
        Assert.Equal(32, first.Bytes.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Equal(first.Bytes.ToArray(), MasterKey.Load(dataDir, Env(null)).Bytes.ToArray());
        Assert.Single(Directory.GetFiles(dataDir));
        // A value protected with the generated key survives a reload of the key.
        string stored = new SecretBox(first).Protect("sk-survives");
        Assert.Equal("sk-survives", new SecretBox(MasterKey.Load(dataDir, Env(null))).Unprotect(stored));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public void Load_KeyFileAccessibleByGroupOrOthers_IsRefused(UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        MasterKey.Load(_dir, Env(null));
        string path = Path.Combine(_dir, MasterKey.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        var error = Assert.Throws<SecretException>(() => MasterKey.Load(_dir, Env(null)));
        Assert.Contains("accessible by group or others", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyFileWithWrongLength_ClearErrorNamingFile()
    {
        string path = Path.Combine(_dir, MasterKey.FileName);
        File.WriteAllText(path, Convert.ToBase64String(new byte[16]));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var error = Assert.Throws<SecretException>(() => MasterKey.Load(_dir, Env(null)));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("must be 32 bytes, got 16", error.Message, StringComparison.Ordinal);
    }
}
