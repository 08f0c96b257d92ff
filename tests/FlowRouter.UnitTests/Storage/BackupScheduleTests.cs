using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Storage;

public sealed class BackupScheduleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-schedule-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunOnce_MoreBackupsThanKeep_DeletesOldestOfItsOwnOnly()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var store = SqliteStore.Open(_dir, time);
        string backups = BackupFiles.DirectoryFor(_dir);
        Directory.CreateDirectory(backups);
        string[] foreign = ["flowrouter-v1-20250101000000.db", "before-restore-20250101-000000.db", "flowrouter-notes.db", "mine.db"];
        foreach (string name in foreign)
        {
            File.WriteAllText(Path.Combine(backups, name), "not ours");
        }
        await using var schedule = new BackupSchedule(store, _dir, TimeSpan.FromHours(1), keep: 3, time);
        var written = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            written.Add(schedule.RunOnce());
            time.Advance(TimeSpan.FromHours(1));
        }
        var ours = Directory.GetFiles(backups).Where(p => BackupFiles.TryParseTime(Path.GetFileName(p), out _)).Order(StringComparer.Ordinal);
        Assert.Equal(written[3..], ours);
        Assert.All(foreign, name => Assert.True(File.Exists(Path.Combine(backups, name)), name));
    }

    [Fact]
    public async Task Start_FakeClockAdvanced_BacksUpOncePerInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var store = SqliteStore.Open(_dir, time);
        var reported = new List<string?>();
        using var done = new SemaphoreSlim(0);
        await using var schedule = new BackupSchedule(store, _dir, TimeSpan.FromHours(24), keep: 2, time, (path, error) =>
        {
            Assert.Null(error);
            lock (reported)
            {
                reported.Add(path);
            }
            done.Release();
        });
        schedule.Start();
        time.Advance(TimeSpan.FromHours(23));
        Assert.False(await done.WaitAsync(TimeSpan.FromMilliseconds(50)));
        for (int day = 1; day <= 3; day++)
        {
            time.Advance(TimeSpan.FromHours(day == 1 ? 1 : 24));
            Assert.True(await done.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal(
            ["flowrouter-20260102-000000-000.db", "flowrouter-20260103-000000-000.db", "flowrouter-20260104-000000-000.db"],
            reported.Select(Path.GetFileName));
        Assert.Equal(2, Directory.GetFiles(BackupFiles.DirectoryFor(_dir), "flowrouter-2026*.db").Length);
    }

    [Fact]
    public void Prune_BackupsInOneMillisecond_KeepsTheLatestCounters()
    {
        string backups = BackupFiles.DirectoryFor(_dir);
        Directory.CreateDirectory(backups);
        string[] names = ["flowrouter-20260101-120000.db", "flowrouter-20260101-120000-500.db", "flowrouter-20260101-120000-500-2.db",
            "flowrouter-20260101-120000-500-10.db", "flowrouter-20260101-120000-500-3.db"];
        foreach (string name in names)
        {
            File.WriteAllText(Path.Combine(backups, name), "");
        }
        var deleted = BackupFiles.Prune(backups, keep: 2).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["flowrouter-20260101-120000-500-2.db", "flowrouter-20260101-120000-500.db", "flowrouter-20260101-120000.db"], deleted);
    }

    [Fact]
    public void DefaultPath_Attempts_GiveDistinctNamesThatRetentionRecognises()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);
        var names = Enumerable.Range(0, 10).Select(i => Path.GetFileName(BackupFiles.DefaultPath(_dir, now, i)!)).ToList();
        Assert.Equal("flowrouter-20260101-120000-123.db", names[0]);
        Assert.Equal("flowrouter-20260101-120000-123-2.db", names[1]);
        Assert.Equal(10, names.Distinct().Count());
        Assert.All(names, name => Assert.True(BackupFiles.TryParseTime(name, out var time) && time == now.UtcDateTime, name));
    }

    [Theory]
    [InlineData("flowrouter-20260101-120000.db", true)]
    [InlineData("flowrouter-20260101-120000-123.db", true)]
    [InlineData("flowrouter-20260101-120000-123-2.db", true)]
    [InlineData("flowrouter-20260101-120000-123-9999.db", true)]
    [InlineData("flowrouter-20260101-120000-123-1.db", false)]
    [InlineData("flowrouter-20260101-120000-123-02.db", false)]
    [InlineData("flowrouter-20260101-120000-12.db", false)]
    [InlineData("flowrouter-20260101-120000-123-.db", false)]
    [InlineData("flowrouter-20260101-120000-copy.db", false)]
    [InlineData("flowrouter-v3-20260101120000.db", false)]
    [InlineData("flowrouter-20261301-120000.db", false)]
    [InlineData("flowrouter-20260101-120000.db.partial", false)]
    [InlineData("before-restore-20260101-120000.db", false)]
    public void TryParseTime_OnlyExactBackupNames_AreOurs(string name, bool ours) =>
        Assert.Equal(ours, BackupFiles.TryParseTime(name, out _));
}
