using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FlowRouter.Storage.Sqlite;
using FlowRouter.TestKit;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The real server in its own process, killed with SIGKILL under load (JSON and streamed answers from several
/// concurrent clients), three times in a row, each time restarted on the same data dir (which replays the usage
/// journal). After every restart the store is intact and its request log holds exactly the requests the clients read
/// to the end, plus at most the requests that were in flight at a kill: no answered request is ever missing.
/// </summary>
public sealed partial class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 3;
    private const int Clients = 8;
    private const int MinAnswers = 150;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>What the clients saw: ids of answers read to the end, and the requests a kill cut off.</summary>
    private sealed class ClientView
    {
        public ConcurrentDictionary<string, byte> Completed { get; } = new(StringComparer.Ordinal);

        /// <summary>Requests the kill cut off whose id the client had (headers arrived, body did not end).</summary>
        public ConcurrentDictionary<string, byte> CutKnown { get; } = new(StringComparer.Ordinal);

        /// <summary>Requests the kill cut off before their headers arrived (the client never learned their id).</summary>
        public int CutUnknown;
    }

    [Fact]
    public async Task KillDashNine_UnderLoadThreeTimesInARow_EveryAnsweredRequestHasItsUsageRowAfterRestart()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var streamed = FakeResponse.FromFixture(Fixtures.Load("openai-chat", "stream-text-usage"));
        upstream.Responder = request => Encoding.UTF8.GetString(request.Body).Contains("\"stream\":true", StringComparison.Ordinal) ? streamed : null;
        string config = Path.Combine(_dir, "flowrouter.yaml");
        await File.WriteAllTextAsync(config, $"""
            providers:
              - id: fake
                type: openai
                base_url: {upstream.BaseUrl}
                api_key: sk-crash-test-key-000000000000
                models: [gpt-4o-mini]
            """);
        string dataDir = Path.Combine(_dir, "data");
        var seen = new ClientView();
        for (int run = 1; run <= Runs + 1; run++)
        {
            using var server = StartServer(config, dataDir);
            try
            {
                var (address, lines) = await ListeningAddressAsync(server);
                if (run > 1)
                {
                    AssertStoreMatches(dataDir, seen, run - 1, lines);
                }
                if (run <= Runs)
                {
                    await LoadThenKillAsync(server, address, seen, run);
                }
            }
            finally
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                }
            }
        }
    }

    private async Task LoadThenKillAsync(Process server, Uri address, ClientView seen, int run)
    {
        int before = seen.Completed.Count;
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Clients).Select(i => SendUntilKilledAsync(http, seen, stream: i % 2 == 1, stop.Token)).ToArray();
        // At least Load (so the journal rotates and retires segments mid-run) and at least MinAnswers answers (a busy
        // machine is slow, and a kill before the clients got going proves little). Not a timing assertion.
        var started = Stopwatch.StartNew();
        while (started.Elapsed < Load || seen.Completed.Count - before < MinAnswers)
        {
            Assert.True(started.Elapsed < GiveUp, $"run {run}: only {seen.Completed.Count - before} answers after {GiveUp}: the server is not serving");
            Assert.False(workers.Any(w => w.IsCompleted), $"run {run}: a client stopped before the kill");
            await Task.Delay(20);
        }
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        output.WriteLine($"run {run}: {seen.Completed.Count - before} answers read to the end in {started.Elapsed.TotalSeconds:0.0} s before the kill; " +
            $"cut off so far: {seen.CutKnown.Count} with id, {seen.CutUnknown} without");
    }

    /// <summary>
    /// Every answered request has its row, and every other row is one of the requests a kill cut off (the server
    /// journals a row just before the answer's last write, so a kill between the two leaves a row the client never
    /// saw completed; at most one such request per client per kill).
    /// </summary>
    private void AssertStoreMatches(string dataDir, ClientView seen, int kills, ConcurrentQueue<string> serverLines)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, SqliteStore.FileName), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT id FROM request_log";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }
        }
        string replayed = serverLines.FirstOrDefault(l => l.Contains("usage journal", StringComparison.Ordinal)) ?? "no journal replayed";
        output.WriteLine($"after kill {kills}: {stored.Count} rows, {seen.Completed.Count} answered; server: {replayed}");

        var missing = seen.Completed.Keys.Where(id => !stored.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"after kill {kills}: {missing.Count} of {seen.Completed.Count} answered requests have no row, e.g. {missing.FirstOrDefault()}");
        var extra = stored.Where(id => !seen.Completed.ContainsKey(id)).ToList();
        var unexplained = extra.Where(id => !seen.CutKnown.ContainsKey(id)).ToList();
        Assert.True(unexplained.Count <= seen.CutUnknown,
            $"after kill {kills}: {unexplained.Count} rows of requests no client saw cut off (only {seen.CutUnknown} were cut before their id arrived), e.g. {unexplained.FirstOrDefault()}");
        Assert.True(extra.Count <= kills * Clients, $"{extra.Count} extra rows: more than one in-flight request per client per kill");
    }

    private static async Task SendUntilKilledAsync(HttpClient http, ClientView seen, bool stream, CancellationToken stop)
    {
        string body = stream
            ? """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}"""
            : """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";
        while (!stop.IsCancellationRequested)
        {
            string? id = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = ChatCompletionsSdkTests.Json(body) };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
                id = response.Headers.GetValues("x-flowrouter-request-id").Single();
                // To the end: Content-Length bytes, or the last chunk of a stream (which comes after the handler returns).
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                seen.Completed[id] = 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // The kill cut this request off: the only request of this client that can be in flight.
                if (id is null)
                {
                    Interlocked.Increment(ref seen.CutUnknown);
                }
                else
                {
                    seen.CutKnown[id] = 0;
                }
                return;
            }
        }
    }

    private static Process StartServer(string config, string dataDir)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "flowrouter.dll"), "--config", config, "--data-dir", dataDir, "--port", "0", "--log-level", "warning" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Waits for the "listening on" line; the lines before it (start-up warnings such as the replay) are returned.</summary>
    private static async Task<(Uri Address, ConcurrentQueue<string> Lines)> ListeningAddressAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _ = server.StandardError.ReadToEndAsync(CancellationToken.None);
        var lines = new ConcurrentQueue<string>();
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                // Keep draining stdout so the server never blocks on a full pipe.
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return (new Uri(match.Groups[1].Value + "/"), lines);
            }
        }
        throw new InvalidOperationException("the server exited before saying where it listens");
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
