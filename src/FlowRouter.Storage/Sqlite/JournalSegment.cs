using Microsoft.Win32.SafeHandles;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// One file of the usage journal, usage-&lt;n&gt;.journal (0600). Rows are appended with one positioned write each
/// (the caller serializes appends); it counts the rows written into it and the rows the request-log writer has since
/// settled (committed to the store, or dropped), so the journal knows when the file holds nothing the store lacks.
/// </summary>
public sealed class JournalSegment : IDisposable
{
    private readonly FileStream _stream;
    private readonly SafeFileHandle _handle;
    private long _length;
    private int _appended;
    private int _settled;

    private JournalSegment(string path, long number, FileStream stream)
    {
        Path = path;
        Number = number;
        // Writes go through the handle (positioned, thread-agnostic); the stream is kept only so it owns the handle.
        _stream = stream;
        _handle = stream.SafeFileHandle;
    }

    public string Path { get; }
    public long Number { get; }

    /// <summary>Bytes written; final once the segment is sealed.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>Rows written; final once the segment is sealed.</summary>
    public int Appended => Volatile.Read(ref _appended);

    public bool AllSettled => Volatile.Read(ref _settled) >= Appended;

    internal static JournalSegment Create(string dataDir, long number)
    {
        string path = System.IO.Path.Combine(dataDir, FileName(number));
        // Unbuffered: each append is exactly one write() into the page cache, which a killed process cannot lose.
        var stream = new FileStream(path, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0));
        return new JournalSegment(path, number, stream);
    }

    internal static string FileName(long number) => $"{UsageJournal.Prefix}{number:D6}{UsageJournal.Suffix}";

    /// <summary>Appends one row's line; the caller holds the journal's lock.</summary>
    internal void Append(ReadOnlySpan<byte> line)
    {
        RandomAccess.Write(_handle, line, _length);
        _length += line.Length;
        _appended++;
    }

    /// <summary>Called by the writer (any thread) once <paramref name="rows"/> of this segment's rows are settled.</summary>
    public void Settle(int rows) => Interlocked.Add(ref _settled, rows);

    /// <summary>fsync: the rows written so far survive a power loss.</summary>
    internal void Sync()
    {
        if (!_handle.IsClosed)
        {
            RandomAccess.FlushToDisk(_handle);
        }
    }

    internal void Delete()
    {
        _stream.Dispose();
        File.Delete(Path);
    }

    /// <summary>Closes the file and keeps it (for the next start to replay), fsynced first when asked.</summary>
    internal void Close(bool sync)
    {
        if (sync)
        {
            Sync();
        }
        _stream.Dispose();
    }

    public void Dispose() => _stream.Dispose();
}
