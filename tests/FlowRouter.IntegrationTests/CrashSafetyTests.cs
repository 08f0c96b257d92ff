using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using FlowRouter.Storage.Sqlite;
using FlowRouter.TestKit;
using Microsoft.Data.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The real server in its own process, killed with SIGKILL under load: the store must open clean and hold every
/// request that was answered well before the kill (the writer commits every 10 ms, so one second is ample).
/// </summary>
public sealed partial class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CommitMargin = TimeSpan.FromSeconds(1);

    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task KillDashNine_UnderLoad_StoreIsIntactAndHoldsEveryRequestAnsweredBeforeTheLastSecond()
    {
        await using var upstream = await FakeUpstream.StartAsync();
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
        using var server = StartServer(config, dataDir);
        try
        {
            Uri address = await ListeningAddressAsync(server);
            var answered = new ConcurrentQueue<(string Id, long At)>();
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(_ => SendUntilStoppedAsync(http, answered, stop.Token)).ToArray();

            await Task.Delay(Load);
            server.Kill(entireProcessTree: true);
            long killedAt = Stopwatch.GetTimestamp();
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);

            using var store = SqliteStore.Open(dataDir, TimeProvider.System);
            using var connection = new SqliteConnection($"Data Source={store.Path}");
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
            var committed = answered.Where(a => Stopwatch.GetElapsedTime(a.At, killedAt) > CommitMargin).Select(a => a.Id).ToList();
            Assert.True(committed.Count > 50, $"only {committed.Count} requests answered before the last second: too little load to mean anything");
            var missing = committed.Where(id => !stored.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {committed.Count} answered requests missing after the kill, e.g. {missing.FirstOrDefault()}");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task SendUntilStoppedAsync(HttpClient http, ConcurrentQueue<(string Id, long At)> answered, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.PostAsync("v1/chat/completions",
                    ChatCompletionsSdkTests.Json("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"""), stop);
                await response.Content.ReadAsByteArrayAsync(stop);
                if (response.IsSuccessStatusCode)
                {
                    answered.Enqueue((response.Headers.GetValues("x-flowrouter-request-id").Single(), Stopwatch.GetTimestamp()));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The server died mid-request: expected once it is killed.
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(10, CancellationToken.None);
                }
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

    private static async Task<Uri> ListeningAddressAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _ = server.StandardError.ReadToEndAsync(timeout.Token);
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                // Keep draining stdout so the server never blocks on a full pipe.
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new Uri(match.Groups[1].Value + "/");
            }
        }
        throw new InvalidOperationException("the server exited before saying where it listens");
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
