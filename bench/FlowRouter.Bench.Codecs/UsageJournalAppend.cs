using BenchmarkDotNet.Attributes;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// What the usage journal adds to a finished request: serialize the request-log row and append it to the journal
/// file with one write() (page cache, no fsync), under the journal's lock. Target: a few µs and no allocation per row.
/// A background-thread rotation is left out ("background: false"): it runs once a second, off the request path.
/// Measured 2026-12-08 (bench/codecs.sh --filter '*UsageJournal*' --job short --iterationCount 10 --inProcess, the
/// shared 2-core machine at load average ~16): 4.5 µs ± 1.0 µs, 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class UsageJournalAppend
{
    private string _dir = null!;
    private SqliteStore _store = null!;
    private UsageJournal _journal = null!;

    private static readonly RequestLogRow Row = new()
    {
        Id = "req_0123456789000000012345",
        StartedAt = DateTimeOffset.UtcNow,
        KeyName = "ci",
        Ingress = "openai-chat",
        RequestedModel = "openai/gpt-4.1-mini",
        Provider = "openai",
        UpstreamModel = "gpt-4.1-mini",
        Status = 200,
        Stream = true,
        LatencyMs = 812.5,
        TtftMs = 231.25,
        InputTokens = 1234,
        OutputTokens = 321,
        CachedTokens = 1024,
        Attempts = 1,
        AttemptsJson = """[{"target":"openai/gpt-4.1-mini","key":0,"status":200,"outcome":"success","ms":812.5}]""",
        CostUsd = 0.00123m,
        RequestBytes = 5210,
        ResponseBytes = 2048,
    };

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("flowrouter-bench-journal-").FullName;
        _store = SqliteStore.Open(_dir, TimeProvider.System);
        _journal = UsageJournal.Open(_dir, _store, TimeProvider.System, background: false);
    }

    [Benchmark]
    public JournalSegment? Append() => _journal.Append(Row);

    [GlobalCleanup]
    public void Cleanup()
    {
        _journal.Dispose();
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
