using System.Security.Cryptography;

namespace FlowRouter.Storage.Secrets;

/// <summary>
/// The 32-byte key that <see cref="SecretBox"/> encrypts with. From FLOWROUTER_MASTER_KEY (base64 or hex) when set,
/// else from master.key in the data dir, generated on first use with mode 0600. A key file that group or others can
/// access is refused rather than used: anyone who can read it can read every stored credential.
/// </summary>
public sealed class MasterKey
{
    public const string EnvironmentVariable = "FLOWROUTER_MASTER_KEY";
    public const string FileName = "master.key";
    public const int Size = 32;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _bytes;

    private MasterKey(byte[] bytes, string source)
    {
        _bytes = bytes;
        Source = source;
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Where the key came from, for a startup line: the variable name or the file path (never the key).</summary>
    public string Source { get; }

    public static MasterKey Load(string dataDir, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? text = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(text))
        {
            return new MasterKey(Parse(text, EnvironmentVariable), EnvironmentVariable);
        }
        string path = Path.Combine(Path.GetFullPath(dataDir), FileName);
        if (!File.Exists(path))
        {
            Generate(path);
        }
        return new MasterKey(ReadFile(path), path);
    }

    /// <summary>32 bytes as 64 hex digits or as base64; the error says which lengths are expected, never the value.</summary>
    internal static byte[] Parse(string text, string origin)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == Size * 2 && trimmed.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(trimmed);
        }
        byte[] buffer = new byte[trimmed.Length];
        if (Convert.TryFromBase64String(trimmed, buffer, out int length) && length == Size)
        {
            return buffer[..Size];
        }
        if (trimmed.Length % 2 == 0 && trimmed.All(char.IsAsciiHexDigit))
        {
            length = trimmed.Length / 2; // hex-looking text of the wrong length: report it as hex
        }
        if (length > 0)
        {
            throw new SecretException($"{origin}: the master key must be {Size} bytes, got {length} (generate one with: openssl rand -base64 32)");
        }
        throw new SecretException($"{origin}: the master key must be {Size} bytes as base64 (44 characters) or hex (64 digits) (generate one with: openssl rand -base64 32)");
    }

    private static void Generate(string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        byte[] key = RandomNumberGenerator.GetBytes(Size);
        // Written under a temporary name, then linked into place without overwriting: two processes starting at once
        // both end up with the one key that won, and nobody ever reads a half-written file.
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(Convert.ToBase64String(key));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // another process generated it first: use theirs
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temp);
        }
    }

    private static byte[] ReadFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                throw new SecretException(
                    $"{path}: the master key file is accessible by group or others (mode {Octal(mode)}); it must be readable by its owner only. Fix it with: chmod 600 {path}");
            }
        }
        return Parse(File.ReadAllText(path), path);
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
