using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>The request-log writer when the disk cannot keep up: the queue stays bounded, drops are counted, Append never waits.</summary>
public sealed class RequestLogWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-writer-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Append_QueueFullWhileStoreIsLocked_DropsAndCountsWithoutBlocking()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        // Another connection holds the write lock, so the writer's first batch waits on it and the queue fills up.
        using var blocker = new SqliteConnection($"Data Source={store.Path}");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }
        var log = new RequestLogWriter(store, capacity: 4);
        const int Rows = 200;
        for (int i = 0; i < Rows; i++)
        {
            log.Append(new RequestLogRow { Id = "req_" + i, StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(i), Status = 200, Attempts = 1 });
        }
        // Append returned for every row although nothing can be written: at most one batch in hand plus a full queue survive.
        Assert.True(log.Dropped >= Rows - 4 - 4, $"dropped {log.Dropped}");
        Assert.True(log.Queued <= 4);

        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        await log.FlushAsync();
        Assert.Equal(Rows, log.Written + log.Dropped);
        await log.DisposeAsync();
        await using var reader = new RequestLogWriter(store);
        // The newest rows are the ones kept (the oldest are dropped first).
        Assert.Equal(log.Written, reader.Recent(Rows).Count);
        Assert.Equal("req_" + (Rows - 1), reader.Recent(1).Single().Id);
    }
}
