using System.Globalization;

namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Names of backup files under &lt;data-dir&gt;/backups and the retention rule. A backup is
/// <c>flowrouter-yyyyMMdd-HHmmss-fff.db</c> (UTC, with milliseconds), or <c>…-fff-N.db</c> when that name was taken
/// by another backup in the same millisecond; older versions wrote <c>flowrouter-yyyyMMdd-HHmmss.db</c>, which still
/// counts. Retention only ever deletes files whose whole name has one of these shapes, so migration snapshots
/// (<c>flowrouter-v3-…</c>), <c>before-restore-…</c> copies and anything the user put there are never touched.
/// </summary>
public static class BackupFiles
{
    public const string DirectoryName = "backups";
    private const string Prefix = "flowrouter-";
    private const string Suffix = ".db";
    private const string TimestampFormat = "yyyyMMdd-HHmmss";
    private const int MaxCounter = 9999;

    public static string DirectoryFor(string dataDir) => Path.Combine(dataDir, DirectoryName);

    /// <summary>
    /// The name of a backup made at <paramref name="now"/>: attempt 0 is the plain name, attempt n the name with
    /// counter n+1 (for when the plain one is taken); null past the last counter.
    /// </summary>
    public static string? DefaultPath(string dataDir, DateTimeOffset now, int attempt = 0)
    {
        if (attempt >= MaxCounter)
        {
            return null;
        }
        string stamp = now.UtcDateTime.ToString(TimestampFormat + "-fff", CultureInfo.InvariantCulture);
        string counter = attempt == 0 ? "" : "-" + (attempt + 1).ToString(CultureInfo.InvariantCulture);
        return Path.Combine(DirectoryFor(dataDir), Prefix + stamp + counter + Suffix);
    }

    /// <summary>The UTC time in a backup file name, when the name is one of ours.</summary>
    public static bool TryParseTime(string fileName, out DateTime time) => TryParse(fileName, out time, out _);

    /// <summary>The UTC time (to the millisecond) and same-millisecond counter (1 when none) of one of our names.</summary>
    private static bool TryParse(string fileName, out DateTime time, out int counter)
    {
        time = default;
        counter = 1;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Suffix.Length);
        if (rest.Length < TimestampFormat.Length || !DateTime.TryParseExact(rest[..TimestampFormat.Length], TimestampFormat,
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time))
        {
            return false;
        }
        rest = rest[TimestampFormat.Length..];
        if (rest.IsEmpty)
        {
            return true;
        }
        // "-fff", then optionally "-N"
        if (rest.Length < 4 || rest[0] != '-' || !int.TryParse(rest.Slice(1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
        {
            return false;
        }
        time = time.AddMilliseconds(ms);
        rest = rest[4..];
        if (rest.IsEmpty)
        {
            return true;
        }
        return rest.Length is >= 2 and <= 5 && rest[0] == '-' && rest[1] != '0'
            && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out counter) && counter >= 2;
    }

    /// <summary>Deletes the oldest backups beyond <paramref name="keep"/>; returns the deleted paths.</summary>
    public static IReadOnlyList<string> Prune(string backupDir, int keep)
    {
        if (!Directory.Exists(backupDir))
        {
            return [];
        }
        var ours = new List<(DateTime Time, int Counter, string Path)>();
        foreach (string path in Directory.EnumerateFiles(backupDir, Prefix + "*" + Suffix))
        {
            if (TryParse(Path.GetFileName(path), out var time, out int counter))
            {
                ours.Add((time, counter, path));
            }
        }
        // Newest first; within one millisecond the higher counter was made later.
        ours.Sort((a, b) => b.Time != a.Time ? b.Time.CompareTo(a.Time) : b.Counter.CompareTo(a.Counter));
        var deleted = new List<string>();
        foreach (var (_, _, path) in ours.Skip(Math.Max(keep, 0)))
        {
            File.Delete(path);
            deleted.Add(path);
        }
        return deleted;
    }
}
