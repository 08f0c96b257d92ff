using Microsoft.Data.Sqlite;

namespace FlowRouter.Storage.Sqlite;

/// <summary>Online backups (VACUUM INTO: a consistent snapshot while writers keep going); restore is in SqliteStore.Restore.cs.</summary>
public sealed partial class SqliteStore
{
    /// <summary>
    /// The store in <paramref name="dataDir"/> as it is: no creation, no migration (a backup must not change what it
    /// copies, and a running server may own the schema).
    /// </summary>
    public static SqliteStore OpenExisting(string dataDir)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDir), FileName);
        if (!File.Exists(path))
        {
            throw new StoreException($"{path}: no FlowRouter store here (check --data-dir)");
        }
        return new SqliteStore(path);
    }

    /// <summary>
    /// Writes a consistent copy of the store to <paramref name="destination"/> while the server keeps serving:
    /// VACUUM INTO reads one snapshot of the WAL database into a temporary file, which is then linked into place, so
    /// the destination never holds a half-written file. Refuses to overwrite an existing file.
    /// </summary>
    public void Backup(string destination)
    {
        string target = System.IO.Path.GetFullPath(destination);
        // A folder the user named keeps its mode (it may be /tmp); a missing one is made 0700. The copy itself is 0600.
        string folder = System.IO.Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            PrivateFiles.CreateDirectory(folder);
        }
        if (File.Exists(target))
        {
            throw new StoreException($"{target}: already exists; choose another file");
        }
        Write(target, attempt => attempt == 0 ? target : null);
    }

    /// <summary>
    /// A backup under &lt;data-dir&gt;/backups with the default name for <paramref name="now"/>; when another backup
    /// took that name (two in the same millisecond), the next free counter. Returns the file written.
    /// </summary>
    public string BackupToDefault(string dataDir, DateTimeOffset now)
    {
        PrivateFiles.CreateDirectory(BackupFiles.DirectoryFor(dataDir));
        return Write(BackupFiles.DefaultPath(dataDir, now)!, attempt => BackupFiles.DefaultPath(dataDir, now, attempt));
    }

    /// <summary>VACUUM INTO a fresh 0600 file, then a no-clobber move to the first name <paramref name="names"/> offers that is free.</summary>
    private string Write(string first, Func<int, string?> names)
    {
        string temp = $"{first}.{Guid.NewGuid():N}.partial";
        try
        {
            // Made 0600 before SQLite writes a byte into it (VACUUM INTO accepts an empty file).
            PrivateFiles.CreateEmpty(temp);
            using (var connection = Connect())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "VACUUM INTO $file";
                command.Parameters.AddWithValue("$file", temp);
                command.ExecuteNonQuery();
            }
            return MoveToFreeName(temp, first, names);
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"{Path}: backup to {first} failed: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StoreException($"backup to {first} failed: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreException($"backup to {first} failed: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string MoveToFreeName(string temp, string first, Func<int, string?> names)
    {
        for (int attempt = 0; names(attempt) is { } target; attempt++)
        {
            try
            {
                // Without overwrite this is link()+unlink() on Unix: it fails, never replaces, when the name is taken.
                File.Move(temp, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target))
            {
                // taken (by another backup in the same millisecond, or a file already there): try the next name
            }
        }
        throw new StoreException($"{first}: already exists; choose another file");
    }
}
