using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>The embedded store: created on first start, migrated with a snapshot, never downgraded.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-store-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Open_FreshDataDir_CreatesDatabaseInWalMode()
    {
        string dataDir = Path.Combine(_dir, "new");
        using var store = SqliteStore.Open(dataDir, TimeProvider.System);
        Assert.True(File.Exists(Path.Combine(dataDir, SqliteStore.FileName)));
        Assert.True(store.IsHealthy());
        using var connection = new SqliteConnection($"Data Source={store.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Open_DatabaseFromNewerVersion_IsRefusedWithClearMessage()
    {
        using (var store = SqliteStore.Open(_dir, TimeProvider.System))
        {
            using var connection = new SqliteConnection($"Data Source={store.Path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'later')";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        var error = Assert.Throws<StoreException>(() => SqliteStore.Open(_dir, TimeProvider.System));
        Assert.Contains("newer than this FlowRouter knows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLog_RowsAppendedUnderLoad_AreAllWrittenByFlushAndDispose()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var log = new RequestLogWriter(store);
        for (int i = 0; i < 1200; i++)
        {
            log.Append(new RequestLogRow { Id = "req_" + i, StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(i), Status = 200, Attempts = 1, InputTokens = i });
        }
        await log.FlushAsync();
        Assert.Equal(1199, log.Recent(1).Single().InputTokens);
        log.Append(new RequestLogRow { Id = "req_last", StartedAt = DateTimeOffset.UnixEpoch.AddDays(1), Status = 502, Attempts = 2 });
        await log.DisposeAsync();
        await using var reader = new RequestLogWriter(store);
        Assert.Equal("req_last", reader.Recent(1).Single().Id);
        Assert.Equal(1201, reader.Recent(5000).Count);
    }

    [Fact]
    public void ModelCache_SavedList_IsLoadedBackForSameProviderAndUrlOnly()
    {
        using var store = SqliteStore.Open(_dir, TimeProvider.System);
        var at = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        store.SaveModels("openai", "https://api.openai.com/v1", ["gpt-4.1", "gpt-4.1-mini"], at);
        var cached = store.LoadModels("openai", "https://api.openai.com/v1");
        Assert.NotNull(cached);
        Assert.Equal(["gpt-4.1", "gpt-4.1-mini"], cached.Value.Models);
        Assert.Equal(at, cached.Value.FetchedAt);
        Assert.Null(store.LoadModels("openai", "https://elsewhere.example/v1"));
    }
}
