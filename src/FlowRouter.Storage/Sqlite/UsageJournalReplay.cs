namespace FlowRouter.Storage.Sqlite;

/// <summary>
/// Start-up recovery: every usage-&lt;n&gt;.journal a previous run left behind is read line by line into the store
/// (INSERT OR REPLACE by request id: rows the writer had already committed are rewritten unchanged), committed
/// durably, and only then deleted. A line that does not parse, such as the last one of a crash mid-write, is skipped.
/// </summary>
internal static class UsageJournalReplay
{
    /// <summary>Returns the rows replayed and the highest segment number seen (0: none).</summary>
    public static (int Rows, long LastNumber) Run(string dataDir, SqliteStore store)
    {
        var segments = Directory.Exists(dataDir) ? Find(dataDir) : [];
        if (segments.Count == 0)
        {
            return (0, 0);
        }
        var rows = new List<RequestLogRow>();
        try
        {
            foreach (var (_, path) in segments)
            {
                Read(File.ReadAllBytes(path), rows);
            }
            store.ReplayRows(rows);
            foreach (var (_, path) in segments)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{dataDir}: cannot replay the usage journal ({segments[0].Path} …): {ex.Message}", ex);
        }
        return (rows.Count, segments[^1].Number);
    }

    /// <summary>Deletes every journal segment in <paramref name="dataDir"/> unread.</summary>
    public static void Discard(string dataDir)
    {
        if (Directory.Exists(dataDir))
        {
            Find(dataDir).ForEach(segment => File.Delete(segment.Path));
        }
    }

    private static List<(long Number, string Path)> Find(string dataDir)
    {
        var found = new List<(long Number, string Path)>();
        foreach (string path in Directory.EnumerateFiles(dataDir, UsageJournal.Prefix + "*" + UsageJournal.Suffix))
        {
            if (UsageJournal.TryParseNumber(Path.GetFileName(path), out long number))
            {
                found.Add((number, path));
            }
        }
        found.Sort((a, b) => a.Number.CompareTo(b.Number));
        return found;
    }

    /// <summary>Adds each whole line's row; a line without its '\n' (cut by the crash) or not a row is skipped.</summary>
    internal static void Read(ReadOnlySpan<byte> text, List<RequestLogRow> rows)
    {
        while (text.IndexOf((byte)'\n') is var end and >= 0)
        {
            if (JournalRowFormat.Parse(text[..end]) is { } row)
            {
                rows.Add(row);
            }
            text = text[(end + 1)..];
        }
    }
}
