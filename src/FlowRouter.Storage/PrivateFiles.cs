namespace FlowRouter.Storage;

/// <summary>
/// Keeps the data dir private: the directory (and backups/) 0700, every file FlowRouter writes there 0600. The store
/// holds usage, stored conversations and encrypted credentials; a 0644 default would let every local user read them.
/// Files are created with their final mode (never chmod-ed after data went in), and <see cref="SecureDataDir"/> fixes
/// a data dir made by an older version. No-ops on Windows, where the profile's ACLs already keep other users out.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Names at the top of the data dir that are FlowRouter's (besides usage journal segments). Not master.key: one that
    /// others could read may already be known, so <see cref="Secrets.MasterKey"/> refuses it rather than quietly fixing it.
    /// </summary>
    private static readonly string[] KnownFiles =
    [
        "flowrouter.db", "flowrouter.db-wal", "flowrouter.db-shm", "flowrouter.db-journal", "flowrouter.db.restoring",
        "server.lock", "config.yaml", "config.yml", "config.json",
    ];

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700, or makes an existing one 0700.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (Directory.Exists(path))
        {
            Restrict(path, DirectoryMode);
            return;
        }
        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Options that create a file as 0600 (the mode applies only when the file is created).</summary>
    public static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access, FileShare share = FileShare.Read, int bufferSize = 4096)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return options;
    }

    /// <summary>
    /// Creates an empty 0600 file for SQLite to fill (a new database or a VACUUM INTO target): SQLite would create it
    /// 0644, and its -wal/-shm/-journal files take the database file's mode.
    /// </summary>
    public static void CreateEmpty(string path)
    {
        using var stream = new FileStream(path, Options(System.IO.FileMode.CreateNew, FileAccess.Write));
    }

    /// <summary>Like <see cref="CreateEmpty"/>, but an existing file is left as it is (made 0600).</summary>
    public static void EnsureExists(string path)
    {
        // Shared with everyone: SQLite may have it open (it locks with fcntl, never with the flock .NET uses here).
        using (new FileStream(path, Options(System.IO.FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)))
        {
        }
        Restrict(path);
    }

    /// <summary>Copies <paramref name="source"/> to a new 0600 file (File.Copy would give it the source's mode).</summary>
    public static void Copy(string source, string destination)
    {
        using var from = new FileStream(source, System.IO.FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var to = new FileStream(destination, Options(System.IO.FileMode.CreateNew, FileAccess.Write));
        from.CopyTo(to);
    }

    /// <summary>Makes an existing file 0600 (or a directory 0700 with <paramref name="mode"/>); a missing one is fine.</summary>
    public static void Restrict(string path, UnixFileMode mode = FileMode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            // A symlink is someone's deliberate choice (a config kept elsewhere): leave its target alone.
            var info = new FileInfo(path);
            if (info.LinkTarget is null && (info.Exists || Directory.Exists(path)) && File.GetUnixFileMode(path) != mode)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
        catch (FileNotFoundException)
        {
            // deleted meanwhile (a -shm file when the last connection closed)
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (UnauthorizedAccessException)
        {
            // another user's file (only its owner may chmod it): not FlowRouter's to fix, and no reason not to start
        }
    }

    /// <summary>
    /// Fixes the modes of a data dir made before files were private: the dir and backups/ 0700; FlowRouter's own
    /// files, usage journal segments and everything under backups/ 0600. Other files the user put there are left alone,
    /// and so is a master.key others can read (refused at load, with the chmod to run).
    /// </summary>
    public static void SecureDataDir(string dataDir)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(dataDir))
        {
            return;
        }
        Restrict(dataDir, DirectoryMode);
        foreach (string name in KnownFiles)
        {
            Restrict(Path.Combine(dataDir, name));
        }
        foreach (string segment in Directory.EnumerateFiles(dataDir, "usage-*.journal"))
        {
            Restrict(segment);
        }
        string backups = Path.Combine(dataDir, "backups");
        if (Directory.Exists(backups))
        {
            Restrict(backups, DirectoryMode);
            foreach (string file in Directory.EnumerateFiles(backups))
            {
                Restrict(file);
            }
        }
    }
}
