using System.Net.Http.Json;
using FlowRouter.Cli;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.IntegrationTests;

/// <summary>`flowrouter backup` / `restore` against a real server's data dir, and the server's scheduled backups.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync(args);

    private static SqliteConnection OpenFile(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = OpenFile(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Every request_log row as one comparable line (id and every column).</summary>
    private static List<string> RequestLogRows(string path)
    {
        using var connection = OpenFile(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM request_log ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    private static async Task SendChats(RouterHarness harness, int count, int parallel)
    {
        using var http = harness.Http();
        int next = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                using var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "fake/gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    [Fact]
    public async Task Backup_WhileServing_RestoresToSameRequestLogRows()
    {
        await using var harness = await RouterHarness.StartAsync();
        string live = Path.Combine(harness.DataDir, SqliteStore.FileName);
        var load = SendChats(harness, count: 300, parallel: 8);
        var during = new List<string>();
        while (!load.IsCompleted || during.Count == 0)
        {
            var (exit, output, error) = await Run("backup", "--data-dir", harness.DataDir, "--out", Path.Combine(_dir, $"during-{during.Count}.db"));
            Assert.True(exit == 0, error);
            during.Add(output.Trim());
        }
        await load;
        await harness.Server.Gateway.RequestLog.FlushAsync();
        var liveRows = RequestLogRows(live);
        Assert.Equal(300, liveRows.Count);

        foreach (string backup in during)
        {
            // Each copy taken under load is one consistent snapshot: intact, and every row in it is a row of the live store.
            Assert.Equal("ok", Scalar(backup, "PRAGMA integrity_check"));
            Assert.Subset(liveRows.ToHashSet(), RequestLogRows(backup).ToHashSet());
        }

        var (finalExit, finalOut, finalErr) = await Run("backup", "--data-dir", harness.DataDir);
        Assert.True(finalExit == 0, finalErr);
        string final = finalOut.Trim();
        Assert.Equal(BackupFiles.DirectoryFor(harness.DataDir), Path.GetDirectoryName(final));
        Assert.True(BackupFiles.TryParseTime(Path.GetFileName(final), out _), final);
        Assert.Equal("ok", Scalar(final, "PRAGMA integrity_check"));

        string fresh = Path.Combine(_dir, "fresh");
        var (restoreExit, restoreOut, restoreErr) = await Run("restore", final, "--data-dir", fresh);
        Assert.True(restoreExit == 0, restoreErr);
        Assert.Contains("restored", restoreOut, StringComparison.Ordinal);
        Assert.Equal(liveRows, RequestLogRows(Path.Combine(fresh, SqliteStore.FileName)));

        // The restored store is one a server starts on, with the rows there.
        using (var reopened = SqliteStore.Open(fresh, TimeProvider.System))
        {
            await using var log = new RequestLogWriter(reopened);
            Assert.Equal(300, log.Recent(1000).Count);
        }

        // A snapshot from mid-load restores to exactly its own rows.
        string partial = Path.Combine(_dir, "partial");
        Assert.Equal(0, (await Run("restore", during[0], "--data-dir", partial)).Exit);
        Assert.Equal(RequestLogRows(during[0]), RequestLogRows(Path.Combine(partial, SqliteStore.FileName)));
    }

    [Fact]
    public async Task Restore_WhileServerRunsOnDataDir_RefusedWithExitCode1()
    {
        await using var harness = await RouterHarness.StartAsync();
        await SendChats(harness, count: 3, parallel: 1);
        await harness.Server.Gateway.RequestLog.FlushAsync();
        string backup = Path.Combine(_dir, "b.db");
        Assert.Equal(0, (await Run("backup", "--data-dir", harness.DataDir, "--out", backup)).Exit);

        var (exit, output, error) = await Run("restore", backup, "--data-dir", harness.DataDir);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("in use by a running FlowRouter server", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(BackupFiles.DirectoryFor(harness.DataDir)) && Directory.EnumerateFiles(BackupFiles.DirectoryFor(harness.DataDir), "before-restore-*").Any());
        Assert.Equal(3, RequestLogRows(Path.Combine(harness.DataDir, SqliteStore.FileName)).Count);
    }

    [Fact]
    public async Task Restore_AfterServerStopped_KeepsPreviousDatabaseAndReplacesIt()
    {
        string dataDir;
        string backup = Path.Combine(_dir, "two-rows.db");
        await using (var harness = await RouterHarness.StartAsync())
        {
            dataDir = harness.DataDir;
            await SendChats(harness, count: 2, parallel: 1);
            await harness.Server.Gateway.RequestLog.FlushAsync();
            Assert.Equal(0, (await Run("backup", "--data-dir", dataDir, "--out", backup)).Exit);
        }
        string target = Path.Combine(_dir, "target");
        using (var store = SqliteStore.Open(target, TimeProvider.System))
        {
            await using var log = new RequestLogWriter(store);
            log.Append(new RequestLogRow { Id = "req_existing", StartedAt = DateTimeOffset.UnixEpoch, Status = 200, Attempts = 1 });
        }
        SqliteConnection.ClearAllPools();

        var (exit, output, error) = await Run("restore", backup, "--data-dir", target);
        Assert.True(exit == 0, error);
        string kept = Assert.Single(Directory.GetFiles(BackupFiles.DirectoryFor(target), "before-restore-*.db"));
        Assert.Contains(kept, output, StringComparison.Ordinal);
        Assert.Single(RequestLogRows(kept), row => row.StartsWith("req_existing|", StringComparison.Ordinal));
        Assert.Equal(2, RequestLogRows(Path.Combine(target, SqliteStore.FileName)).Count);
        Assert.False(File.Exists(Path.Combine(target, SqliteStore.FileName + ".restoring")));
    }

    [Fact]
    public async Task Restore_JournalLeftByACrashedServer_GoesIntoTheReplacedDatabaseNotTheBackup()
    {
        string target = Path.Combine(_dir, "crashed");
        string backup = Path.Combine(_dir, "empty.db");
        using (var store = SqliteStore.Open(target, TimeProvider.System))
        {
            store.Backup(backup);
        }
        SqliteConnection.ClearAllPools();
        // What a killed server leaves: rows journaled, never committed.
        var journaled = new RequestLogRow { Id = "req_journaled", StartedAt = DateTimeOffset.UnixEpoch, Status = 200, Attempts = 1 };
        File.WriteAllBytes(Path.Combine(target, "usage-000004.journal"), JournalRowFormat.Serialize(journaled).ToArray());

        var (exit, _, error) = await Run("restore", backup, "--data-dir", target);

        Assert.True(exit == 0, error);
        string kept = Assert.Single(Directory.GetFiles(BackupFiles.DirectoryFor(target), "before-restore-*.db"));
        Assert.Single(RequestLogRows(kept), row => row.StartsWith("req_journaled|", StringComparison.Ordinal));
        Assert.Empty(RequestLogRows(Path.Combine(target, SqliteStore.FileName)));
        Assert.Empty(Directory.GetFiles(target, "usage-*.journal"));
    }

    [Theory]
    [InlineData("text", "not a FlowRouter SQLite database")]
    [InlineData("foreign-sqlite", "not a FlowRouter database (no schema_migrations table)")]
    [InlineData("newer", "newer than this FlowRouter knows")]
    [InlineData("missing", "no such file")]
    public async Task Restore_FileThatIsNotARestorableStore_RefusedAndStoreUntouched(string kind, string expected)
    {
        string file = Path.Combine(_dir, kind + ".db");
        switch (kind)
        {
            case "text":
                File.WriteAllText(file, "this is not a database, just some text that is long enough to look like a header....\n");
                break;
            case "foreign-sqlite":
                Execute(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');");
                break;
            case "newer":
                using (SqliteStore.Open(Path.Combine(_dir, "newer-dir"), TimeProvider.System)) { }
                File.Copy(Path.Combine(_dir, "newer-dir", SqliteStore.FileName), file);
                Execute(file, "INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'later');");
                break;
        }
        string target = Path.Combine(_dir, "target");
        using (SqliteStore.Open(target, TimeProvider.System)) { }
        SqliteConnection.ClearAllPools();
        long before = new FileInfo(Path.Combine(target, SqliteStore.FileName)).Length;

        var (exit, _, error) = await Run("restore", file, "--data-dir", target);
        Assert.Equal(1, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(before, new FileInfo(Path.Combine(target, SqliteStore.FileName)).Length);
        Assert.False(Directory.Exists(BackupFiles.DirectoryFor(target)));
        Assert.False(File.Exists(Path.Combine(target, SqliteStore.FileName + ".restoring")));
    }

    private static void Execute(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task Backup_NoStoreInDataDir_ExitCode1NamingThePath()
    {
        var (exit, output, error) = await Run("backup", "--data-dir", Path.Combine(_dir, "empty"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("no FlowRouter store here", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_OutFileExists_RefusedAndFileUntouched()
    {
        using (SqliteStore.Open(_dir, TimeProvider.System)) { }
        string existing = Path.Combine(_dir, "keep-me.db");
        File.WriteAllText(existing, "precious");
        var (exit, _, error) = await Run("backup", "--data-dir", _dir, "--out", existing);
        Assert.Equal(1, exit);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(existing));
    }

    [Fact]
    public async Task Restore_WithoutFile_UsageExitCode2()
    {
        var (exit, _, error) = await Run("restore");
        Assert.Equal(2, exit);
        Assert.StartsWith("flowrouter: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SecondServerOnSameDataDir_RefusedWhileFirstRuns()
    {
        await using var harness = await RouterHarness.StartAsync();
        Assert.True(DataDirLock.IsHeld(harness.DataDir));
        var config = new FlowRouter.Core.Config.FlowRouterConfig();
        config = config with { Server = config.Server with { Port = 0 } };
        var error = await Assert.ThrowsAsync<StoreException>(() =>
            FlowRouterServer.StartAsync(new ServerSettings(config, harness.DataDir, LogLevel.Warning), new ServerHooks { DiscoverModels = false, ConsoleLogging = false }));
        Assert.Contains("in use by a running FlowRouter server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_BackupIntervalSet_WritesBackupEachIntervalAndKeepsN()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var config = ConfigLoader.Parse("server: { backup_interval_hours: 6, backup_keep: 3 }\n", "t.yaml", _ => null);
        Assert.Equal((6.0, 3), (config.Server.BackupIntervalHours, config.Server.BackupKeep));
        config = config with { Server = config.Server with { Port = 0 } };
        string dataDir = Path.Combine(_dir, "scheduled");
        string backups = BackupFiles.DirectoryFor(dataDir);
        Directory.CreateDirectory(backups);
        string snapshot = Path.Combine(backups, "flowrouter-v2-20250101000000.db");
        File.WriteAllText(snapshot, "a migration snapshot: never pruned");
        await using (var server = await FlowRouterServer.StartAsync(new ServerSettings(config, dataDir, LogLevel.Warning), new ServerHooks { Time = time, DiscoverModels = false, ConsoleLogging = false }))
        {
            for (int i = 1; i <= 5; i++)
            {
                time.Advance(TimeSpan.FromHours(6));
                string expected = BackupFiles.DefaultPath(dataDir, time.GetUtcNow())!;
                await WaitUntil(() => File.Exists(expected));
            }
            await WaitUntil(() => Directory.GetFiles(backups, "flowrouter-2026*.db").Length == 3);
        }
        var kept = Directory.GetFiles(backups).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["flowrouter-20260301-180000-000.db", "flowrouter-20260302-000000-000.db", "flowrouter-20260302-060000-000.db", "flowrouter-v2-20250101000000.db"], kept);
        Assert.Equal("ok", Scalar(Path.Combine(backups, kept[0]), "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task PostBackups_TwoInARow_BothCreatedWithDistinctNamesAndListed()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        var names = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            var created = await AdminConfigEditTests.SendAsync(http, HttpMethod.Post, "api/backups", null, System.Net.HttpStatusCode.Created);
            names.Add(created.GetProperty("backup").GetProperty("name").GetString()!);
        }
        Assert.Equal(2, names.Distinct().Count());
        await AssertListedAsync(http, names);
    }

    [Fact]
    public async Task PostBackups_TenInTheSameMillisecondInARowAndAtOnce_AllCreatedDistinctAndListed()
    {
        // A clock that never moves: every backup asks for the same name, so the counters must keep them apart.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 6, 7, 8, 9, 123, TimeSpan.Zero));
        await using var harness = await RouterHarness.StartAsync(time: time);
        using var http = harness.Http();
        var names = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            var created = await AdminConfigEditTests.SendAsync(http, HttpMethod.Post, "api/backups", null, System.Net.HttpStatusCode.Created);
            names.Add(created.GetProperty("backup").GetProperty("name").GetString()!);
        }
        Assert.Equal("flowrouter-20260506-070809-123.db", names[0]);
        Assert.Equal(Enumerable.Range(2, 9).Select(n => $"flowrouter-20260506-070809-123-{n}.db"), names[1..]);

        var atOnce = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            AdminConfigEditTests.SendAsync(http, HttpMethod.Post, "api/backups", null, System.Net.HttpStatusCode.Created)));
        names.AddRange(atOnce.Select(c => c.GetProperty("backup").GetProperty("name").GetString()!));

        Assert.Equal(20, names.Distinct().Count());
        Assert.All(names, name => Assert.True(BackupFiles.TryParseTime(name, out _), name));
        await AssertListedAsync(http, names);
        foreach (string name in names)
        {
            Assert.Equal("ok", Scalar(Path.Combine(BackupFiles.DirectoryFor(harness.DataDir), name), "PRAGMA integrity_check"));
        }
        // Retention sees them all as backups and keeps the latest of the same millisecond.
        var deleted = BackupFiles.Prune(BackupFiles.DirectoryFor(harness.DataDir), keep: 19);
        Assert.Equal("flowrouter-20260506-070809-123.db", Path.GetFileName(Assert.Single(deleted)));
    }

    private static async Task AssertListedAsync(HttpClient http, List<string> names)
    {
        var listed = await AdminConfigEditTests.SendAsync(http, HttpMethod.Get, "api/backups", null, System.Net.HttpStatusCode.OK);
        var backups = listed.GetProperty("backups").EnumerateArray().ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), backups.Select(b => b.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(backups, b => Assert.Equal("backup", b.GetProperty("kind").GetString()));
    }

    /// <summary>Waits for a background effect of an already-advanced fake clock (bounded, not a timing assertion).</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for a scheduled backup");
            await Task.Delay(10);
        }
    }
}
