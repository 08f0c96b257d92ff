using System.Text;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The usage journal on a real SQLite store: replay after a crash (idempotent, a torn last line skipped), rotation,
/// and the rule that a segment goes only when every row in it is committed and a complete checkpoint made it durable.
/// Rotation is driven by <see cref="UsageJournal.Tick"/> (no background thread, no timing).
/// </summary>
public sealed class UsageJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-journal-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static RequestLogRow Row(int i) => new()
    {
        Id = $"req_journal_{i:D4}",
        StartedAt = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero).AddMilliseconds(i * 1.5),
        KeyName = i % 2 == 0 ? "ci" : null,
        Ingress = "openai-chat",
        RequestedModel = "fake/gpt-4o-mini",
        Provider = "fake",
        UpstreamModel = "gpt-4o-mini",
        Status = i % 5 == 0 ? 429 : 200,
        Stream = i % 3 == 0,
        LatencyMs = 12.25 + i,
        TtftMs = i % 3 == 0 ? 3.5 : null,
        InputTokens = 100 + i,
        OutputTokens = 20,
        CachedTokens = i % 4 == 0 ? 64 : null,
        ReasoningTokens = null,
        Attempts = 1 + (i % 2),
        Error = i % 5 == 0 ? "fake: rate limited \"slow down\"\nretry ✓" : null,
        AttemptsJson = """[{"target":"fake/gpt-4o-mini","key":0,"status":200,"outcome":"success","ms":1.5}]""",
        CacheWriteTokens = i % 4 == 0 ? 8 : null,
        CostUsd = i % 2 == 0 ? 0.000123m : null,
        RequestBytes = 321,
        ResponseBytes = 654,
        ToolTokensBefore = i % 6 == 0 ? 900 : null,
        ToolTokensAfter = i % 6 == 0 ? 300 : null,
    };

    private static List<RequestLogRow> StoredRows(SqliteStore store)
    {
        var reader = new RequestLogWriter(store);
        var rows = reader.Recent(10_000).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return rows;
    }

    private string[] JournalFiles() => Directory.GetFiles(_dir, "usage-*.journal").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Serialize_EveryField_ParsesBackToTheSameRow()
    {
        foreach (var row in Enumerable.Range(0, 12).Select(Row))
        {
            var line = JournalRowFormat.Serialize(row);
            Assert.Equal((byte)'\n', line[^1]);
            Assert.Equal(-1, line[..^1].IndexOf((byte)'\n')); // one row, one line, whatever its text holds
            Assert.Equal(row, JournalRowFormat.Parse(line[..^1]));
        }
    }

    [Fact]
    public void Open_JournalOfAKilledRun_ReplaysEveryRowIntoTheStoreAndDeletesIt()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        // A run that journaled rows but was killed before the writer committed any: no writer, no Dispose.
        var killed = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);
        var rows = Enumerable.Range(0, 50).Select(Row).ToList();
        rows.ForEach(row => Assert.NotNull(killed.Append(row)));
        killed.Tick(); // rotation mid-run: the rows span a sealed and an active segment
        for (int i = 50; i < 100; i++)
        {
            killed.Append(Row(i));
        }
        Assert.Equal(["usage-000001.journal", "usage-000002.journal"], JournalFiles());
        Assert.Empty(StoredRows(store));

        using var next = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);
        Assert.Equal(100, next.Replayed);
        Assert.Equal(Enumerable.Range(0, 100).Select(Row), StoredRows(store));
        Assert.Equal(["usage-000003.journal"], JournalFiles());
    }

    [Fact]
    public void Open_SameJournalReplayedAgain_RowsStayOnceAndUnchanged()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var rows = Enumerable.Range(0, 20).Select(Row).ToList();
        string segment = Path.Combine(_dir, "usage-000007.journal");
        File.WriteAllBytes(segment, rows.SelectMany(r => JournalRowFormat.Serialize(r).ToArray()).ToArray());
        byte[] copy = File.ReadAllBytes(segment);

        UsageJournal.Open(_dir, store, TimeProvider.System, background: false).Dispose();
        var first = StoredRows(store);
        // A crash during the replay itself (after the commit, before the delete) leaves the same file for the next start.
        File.WriteAllBytes(segment, copy);
        using var again = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);

        Assert.Equal(20, again.Replayed);
        Assert.Equal(rows, first);
        Assert.Equal(first, StoredRows(store));
    }

    [Fact]
    public void Open_TornLastLineAndGarbage_SkipsThemAndReplaysTheWholeRows()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var text = new List<byte>();
        text.AddRange(JournalRowFormat.Serialize(Row(1)).ToArray());
        text.AddRange("{\"id\":\"req_half\",\"at\":\n"u8.ToArray());      // a line that is not a row
        text.AddRange(new byte[64]);                                       // zeros a power loss can leave
        text.Add((byte)'\n');
        text.AddRange(JournalRowFormat.Serialize(Row(2)).ToArray());
        byte[] torn = JournalRowFormat.Serialize(Row(3)).ToArray();
        text.AddRange(torn[..(torn.Length / 2)]);                         // the write the kill cut short
        File.WriteAllBytes(Path.Combine(_dir, "usage-000001.journal"), text.ToArray());
        // A whole line cut before its '\n' still parses as JSON: it must be skipped all the same.
        File.WriteAllBytes(Path.Combine(_dir, "usage-000002.journal"), JournalRowFormat.Serialize(Row(4)).ToArray()[..^1]);

        using var journal = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);

        Assert.Equal(2, journal.Replayed);
        Assert.Equal([Row(1), Row(2)], StoredRows(store));
        Assert.Equal(["usage-000003.journal"], JournalFiles());
    }

    [Fact]
    public async Task Tick_RowsNotYetCommitted_KeepsTheirSegmentUntilTheyAre()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var journal = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);
        var writer = new RequestLogWriter(store, journal);
        // Another connection holds the write lock: the writer cannot commit the rows yet.
        using var blocker = new SqliteConnection($"Data Source={store.Path}");
        blocker.Open();
        Execute(blocker, "BEGIN IMMEDIATE");
        for (int i = 0; i < 10; i++)
        {
            writer.Append(Row(i));
        }

        journal.Tick();
        journal.Tick();
        Assert.Equal(["usage-000001.journal", "usage-000002.journal"], JournalFiles());
        Assert.Equal(10, journal.Segments[0].Appended);

        Execute(blocker, "ROLLBACK");
        await writer.FlushAsync();
        journal.Tick();
        Assert.Equal(["usage-000002.journal"], JournalFiles());
        Assert.Equal(10, StoredRows(store).Count);
        await writer.DisposeAsync();
        Assert.Empty(JournalFiles());
    }

    [Fact]
    public async Task Tick_CommittedButCheckpointIncomplete_KeepsTheSegment()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var journal = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);
        await using var writer = new RequestLogWriter(store, journal);
        // A reader on an older snapshot: no checkpoint can copy the frames committed after it began.
        using var reader = new SqliteConnection($"Data Source={store.Path}");
        reader.Open();
        Execute(reader, "BEGIN");
        Execute(reader, "SELECT COUNT(*) FROM request_log");
        for (int i = 0; i < 10; i++)
        {
            writer.Append(Row(i));
        }
        await writer.FlushAsync();

        journal.Tick();
        Assert.True(journal.Segments[0].AllSettled);
        Assert.Equal(["usage-000001.journal", "usage-000002.journal"], JournalFiles());

        Execute(reader, "COMMIT");
        journal.Tick();
        Assert.Equal(["usage-000002.journal"], JournalFiles());
    }

    [Fact]
    public async Task Dispose_EveryRowCommitted_LeavesNoJournal()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var writer = new RequestLogWriter(store, UsageJournal.Open(_dir, store, TimeProvider.System));
        for (int i = 0; i < 200; i++)
        {
            writer.Append(Row(i));
        }
        Assert.NotEmpty(JournalFiles());

        await writer.DisposeAsync();

        Assert.Empty(JournalFiles());
        Assert.Equal(200, StoredRows(store).Count);
    }

    [Fact]
    public void Append_Rows_EachIsOneLineOfTheActiveSegmentAtOnce()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        using var journal = UsageJournal.Open(_dir, store, TimeProvider.System, background: false);
        journal.Append(Row(1));
        journal.Append(Row(2));
        // Already in the file (the page cache), with no flush or fsync: what a kill -9 cannot take away.
        string text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(_dir, "usage-000001.journal")));
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.StartsWith("{\"id\":\"req_journal_0001\"", text, StringComparison.Ordinal);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
