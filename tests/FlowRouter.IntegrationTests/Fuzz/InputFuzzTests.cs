using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;
using FlowRouter.TestKit.Fuzz;
using Xunit.Abstractions;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Mutated recorded requests (<see cref="BodyMutator"/>, fixed seed) against the real server, whose providers speak all
/// four formats on one fake upstream, so every body is tried both passed through and translated (with the token saver,
/// caveman mode and tier routing on, since each reads the body too). No answer may be a
/// 500, none may hang, every 4xx comes in the client's own error shape, nothing is logged as an error, and the server
/// still serves a good request afterwards. FLOWROUTER_FUZZ_BODIES raises the bodies per route (bench/fuzz.sh),
/// FLOWROUTER_FUZZ_SEED changes the run, FLOWROUTER_FUZZ_REPORT names a file for the summary.
/// </summary>
public sealed class InputFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>One provider per format, and the tier alias (its signals read the body too).</summary>
    private static readonly string[] Targets = ["oai/m", "resp/m", "ant/m", "gem/m", "auto"];
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(30);

    private RouterHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await RouterHarness.StartAsync("""
            providers:
              - { id: oai, type: openai, base_url: "{upstream}", api_key: sk-fuzz-openai-00000000, models: [m] }
              - { id: resp, type: openai-responses, base_url: "{upstream}", api_key: sk-fuzz-responses-000000, models: [m] }
              - { id: ant, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-fuzz-0000000000, models: [m] }
              - { id: gem, type: gemini, base_url: "{upstream-root}", api_key: gem-fuzz-00000000000000, models: [m] }
            server: { token_saver: true, token_saver_min_chars: 0, caveman: lite }
            routing:
              tiers: { alias: auto, simple: oai/m, medium: ant/m, complex: gem/m }
            """);
        _harness.Upstream.KeepRequests = false;
        _harness.Upstream.Responder = Answer;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task MutatedBodies_EveryRouteAndTarget_AnswerWithoutServerErrorOrHang()
    {
        int seed = Setting("FLOWROUTER_FUZZ_SEED") ?? 2402;
        var tally = new FuzzTally();
        var work = FuzzRoute.All.SelectMany(route => Enumerable.Range(0, Bodies(route)).Select(i => (Route: route, Index: i))).ToArray();
        var mutators = FuzzRoute.All.ToDictionary(route => route, route => new BodyMutator(SeedsWithTargets(route), seed + Array.IndexOf(FuzzRoute.All, route)));
        using var http = NewClient();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, _) => await SendAsync(http, item.Route, item.Index, mutators[item.Route], tally));
        string report = tally.Report(clock.Elapsed);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("FLOWROUTER_FUZZ_REPORT") is { Length: > 0 } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, $"seed {seed}\n{report}");
        }
        var errors = ErrorCauses();
        Assert.True(tally.ServerErrors == 0 && tally.Hangs == 0 && tally.WrongShapes == 0 && errors.Count == 0,
            report + string.Join("\n", tally.Failures) + "\n" + string.Join("\n", errors));
        await AssertStillServingAsync(http);
    }

    private static async Task SendAsync(HttpClient http, FuzzRoute route, int index, BodyMutator mutator, FuzzTally tally)
    {
        var (body, applied) = mutator.Make(index);
        using var timeout = new CancellationTokenSource(PerRequestTimeout);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(route.Path(Targets[index % Targets.Length], index), content, timeout.Token);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            int status = (int)response.StatusCode;
            tally.Count(route, status, applied);
            if (status == 500)
            {
                tally.ServerError(route, index, answer, body);
            }
            else if (status is >= 400 and < 500 && !route.IsOwnErrorShape(answer))
            {
                tally.WrongShape(route, index, status, answer);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            tally.Hang(route, index, body);
        }
    }

    /// <summary>Error lines in the server's log, one per cause: the exception and the first FlowRouter frame, with a count.</summary>
    private List<string> ErrorCauses() =>
        _harness.Logs.Lines
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal))
            .Select(line =>
            {
                string exception = line.Split(" failed inside FlowRouter ", 2) is [_, var rest] ? rest : line;
                int frame = exception.IndexOf("at FlowRouter.", StringComparison.Ordinal);
                string where = frame < 0 ? "" : exception[frame..].Split('\n', 2)[0];
                return exception.Split('\n', 2)[0][..Math.Min(200, exception.Split('\n', 2)[0].Length)] + " | " + where;
            })
            .GroupBy(cause => cause)
            .Select(group => $"{group.Count()}× {group.Key}")
            .ToList();

    /// <summary>After the run, an untouched request of every ingress protocol answers 200, passed through and translated.</summary>
    private static async Task AssertStillServingAsync(HttpClient http)
    {
        foreach (var route in FuzzRoute.All.Where(r => !r.IsCountRoute))
        {
            byte[] seed = route.Seeds()[0];
            foreach (string target in new[] { "oai/m", "ant/m" })
            {
                byte[] body = route.ModelInBody ? BodyMutator.WithModel(seed, target) : seed;
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(route.Path(target, 0), content);
                Assert.True(response.IsSuccessStatusCode, $"{route} → {target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>Each recorded request once per target, so a body goes to a same-format target as often as to the others.</summary>
    private static List<byte[]> SeedsWithTargets(FuzzRoute route) =>
        route.ModelInBody ? route.Seeds().SelectMany(seed => Targets.Select(target => BodyMutator.WithModel(seed, target))).ToList() : [.. route.Seeds()];

    private static int Bodies(FuzzRoute route) => Setting("FLOWROUTER_FUZZ_BODIES") ?? (route.IsCountRoute ? 600 : 2000);

    private static int? Setting(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;

    private HttpClient NewClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 16, UseProxy = false })
    {
        BaseAddress = _harness.BaseUri,
        Timeout = Timeout.InfiniteTimeSpan, // each request has its own deadline: a hang is counted, not thrown
    };

    /// <summary>The fake provider: each path answers in its own format, streamed when the request asked for a stream.</summary>
    private static FakeResponse Answer(ReceivedRequest request)
    {
        string path = request.Path;
        bool stream = path.Contains(":streamGenerateContent", StringComparison.Ordinal) || AsksForStream(request.Body);
        return path switch
        {
            "/v1/chat/completions" => Recorded("openai-chat", stream ? "stream-text-usage" : "text-basic"),
            "/v1/responses" => Recorded("openai-responses", stream ? "stream-text" : "text-basic"),
            "/v1/responses/input_tokens" => Recorded("openai-responses", "input-tokens-count"),
            "/v1/messages" => Recorded("anthropic-messages", stream ? "stream-text" : "text-basic"),
            "/v1/messages/count_tokens" => FakeResponse.Json(200, "{\"input_tokens\":7}"),
            _ when path.EndsWith(":countTokens", StringComparison.Ordinal) => FakeResponse.Json(200, "{\"totalTokens\":7}"),
            _ => Recorded("gemini", stream ? "stream-text" : "text-system-instruction"),
        };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FakeResponse> RecordedAnswers = new();

    private static FakeResponse Recorded(string protocol, string name) =>
        RecordedAnswers.GetOrAdd(protocol + "/" + name, _ => FakeResponse.FromFixture(Fixtures.Load(protocol, name)));

    private static bool AsksForStream(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
