using System.Globalization;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Names of backup files under &lt;data-dir&gt;/backups and the retention rule. A backup is
/// <c>flowrouter-yyyyMMdd-HHmmss.db</c> (UTC); retention only ever deletes files whose whole name has exactly that
/// shape, so migration snapshots (<c>flowrouter-v3-…</c>), <c>before-restore-…</c> copies and anything the user put
/// there are never touched.
/// </summary>
public static class BackupFiles
{
    public const string DirectoryName = "backups";
    private const string Prefix = "flowrouter-";
    private const string Suffix = ".db";
    private const string TimestampFormat = "yyyyMMdd-HHmmss";

    public static string DirectoryFor(string dataDir) => Path.Combine(dataDir, DirectoryName);

    public static string DefaultPath(string dataDir, DateTimeOffset now) =>
        Path.Combine(DirectoryFor(dataDir), Prefix + now.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + Suffix);

    /// <summary>The UTC time in a backup file name, when the name is one of ours.</summary>
    public static bool TryParseTime(string fileName, out DateTime time)
    {
        time = default;
        return fileName.Length == Prefix.Length + TimestampFormat.Length + Suffix.Length
            && fileName.StartsWith(Prefix, StringComparison.Ordinal)
            && fileName.EndsWith(Suffix, StringComparison.Ordinal)
            && DateTime.TryParseExact(fileName.AsSpan(Prefix.Length, TimestampFormat.Length), TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>Deletes the oldest backups beyond <paramref name="keep"/>; returns the deleted paths.</summary>
    public static IReadOnlyList<string> Prune(string backupDir, int keep)
    {
        if (!Directory.Exists(backupDir))
        {
            return [];
        }
        var ours = new List<(DateTime Time, string Path)>();
        foreach (string path in Directory.EnumerateFiles(backupDir, Prefix + "*" + Suffix))
        {
            if (TryParseTime(Path.GetFileName(path), out var time))
            {
                ours.Add((time, path));
            }
        }
        ours.Sort((a, b) => b.Time.CompareTo(a.Time));
        var deleted = new List<string>();
        foreach (var (_, path) in ours.Skip(Math.Max(keep, 0)))
        {
            File.Delete(path);
            deleted.Add(path);
        }
        return deleted;
    }
}
