using System.Globalization;

namespace FlowRouter.Storage;

/// <summary>
/// An exclusive lock on &lt;data-dir&gt;/server.lock, held by a running server (and by a restore while it swaps the
/// database). On Unix .NET takes it with flock, so the kernel releases it when the process ends, even on kill -9:
/// a stale file never blocks anything, unlike a PID file. The file itself stays; only the lock matters.
/// </summary>
public sealed class DataDirLock : IDisposable
{
    public const string FileName = "server.lock";

    private readonly FileStream _stream;

    private DataDirLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock or throws a <see cref="StoreException"/> saying that a server is using the data dir.</summary>
    public static DataDirLock Acquire(string dataDir)
    {
        PrivateFiles.CreateDirectory(dataDir);
        string path = Path.Combine(dataDir, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new StoreException(
                $"{Path.GetFullPath(dataDir)} is in use by a running FlowRouter server ({path} is locked); stop that server first, or use another --data-dir", ex);
        }
        PrivateFiles.Restrict(path); // made by an older version: created 0644
        // For people reading the file: which process holds it. Nothing trusts this number.
        stream.SetLength(0);
        byte[] pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        stream.Write(pid);
        stream.Flush();
        return new DataDirLock(stream);
    }

    /// <summary>True when a running server (or a restore) holds the lock on <paramref name="dataDir"/>.</summary>
    public static bool IsHeld(string dataDir)
    {
        string path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();
}
