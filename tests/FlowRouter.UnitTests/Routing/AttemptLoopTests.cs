using System.Net;
using System.Text;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Providers;
using FlowRouter.Providers.Http;
using FlowRouter.Routing;
using Microsoft.Extensions.Time.Testing;

namespace FlowRouter.UnitTests.Routing;

/// <summary>
/// The attempt loop against in-process scripted upstreams (an HttpMessageHandler per provider, no network): key
/// rotation, rules, rests, panic mode, context-length fallback and hedging. Rests run on a FakeTimeProvider.
/// </summary>
public sealed class AttemptLoopTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly List<ProviderRuntime> _providers = [];

    private static readonly UpstreamRequest Request = new("chat/completions", Encoding.UTF8.GetBytes("""{"model":"m","messages":[]}"""), Stream: false);

    private delegate Task<HttpResponseMessage> Script(HttpRequestMessage request, CancellationToken cancellationToken);

    private static HttpResponseMessage Answer(int status, string body = """{"ok":true}""", (string, string)? header = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (header is { } h)
        {
            response.Headers.TryAddWithoutValidation(h.Item1, h.Item2);
        }
        return response;
    }

    private static string KeyOf(HttpRequestMessage request) => request.Headers.Authorization?.Parameter ?? "";

    private Target Provider(string id, string model, Script script, params string[] keys)
    {
        var runtime = new ProviderRuntime(
            new ProviderConfig { Id = id, Type = ProviderType.OpenAI, BaseUrl = "http://127.0.0.1:9/v1", ApiKeys = keys },
            TimeoutSettings.Default, new ScriptedHandler(script));
        _providers.Add(runtime);
        return new Target(runtime, model);
    }

    private AttemptLoop Loop(bool panic = true) =>
        new(new UpstreamExecutor(TimeProvider.System), new RoutingRuntime(new RoutingConfig { PanicMode = panic }, _time, () => 0.5));

    private static bool Build(Target target, out UpstreamRequest? request, out GatewayError? unusable)
    {
        request = Request;
        unusable = null;
        return true;
    }

    private static async Task<RoutedCall> RunAsync(AttemptLoop loop, params Target[] targets)
    {
        var routed = await loop.RunAsync(targets, Build, CancellationToken.None);
        if (routed.Call is { } call)
        {
            await call.DisposeAsync();
        }
        return routed;
    }

    [Fact]
    public async Task RateLimitedKey_NextKeyAnswersAndTheFirstRestsForRetryAfter()
    {
        var target = Provider("p", "m", (r, _) => Task.FromResult(KeyOf(r) == "k0" ? Answer(429, """{"error":{"message":"Rate limit reached"}}""", ("retry-after", "30")) : Answer(200)), "k0", "k1");
        var loop = Loop();

        var first = await RunAsync(loop, target);
        var second = await RunAsync(loop, target);

        Assert.Null(first.Error);
        Assert.Equal(["rate-limit", null], first.Attempts.Select(a => a.Rule));
        Assert.Equal(1, first.Attempts[1].Key);
        Assert.Single(second.Attempts); // k0 rests: straight to k1
        var rest = loop.Routing.Book.RestOf("p", 0, "m");
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), rest!.Value.Until);
    }

    [Fact]
    public async Task RefusedKey_IsDisabledAndTheOtherKeyServes()
    {
        var target = Provider("p", "m", (r, _) => Task.FromResult(KeyOf(r) == "bad" ? Answer(401, """{"error":{"message":"invalid api key"}}""") : Answer(200)), "bad", "good");
        var loop = Loop();
        var routed = await RunAsync(loop, target);
        Assert.Null(routed.Error);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(loop.Routing.Book.RestOf("p", 0, "m")!.Value.Disabled);
    }

    [Fact]
    public async Task ClientMistake_IsAnsweredWithoutTryingTheNextTarget()
    {
        int secondCalls = 0;
        var a = Provider("a", "m", (_, _) => Task.FromResult(Answer(400, """{"error":{"message":"messages: field required","type":"invalid_request_error"}}""")), "k");
        var b = Provider("b", "m", (_, _) => { secondCalls++; return Task.FromResult(Answer(200)); }, "k");
        var routed = await RunAsync(Loop(), a, b);
        Assert.Equal(400, routed.Error!.Status);
        Assert.Equal(0, secondCalls);
        Assert.Equal("client-error", routed.Attempts.Single().Rule);
    }

    [Fact]
    public async Task ServerError_FallsOverAndTheFailedTargetIsSkippedWhileItRests()
    {
        var a = Provider("a", "m", (_, _) => Task.FromResult(Answer(500, """{"error":{"message":"boom"}}""")), "k");
        var b = Provider("b", "m", (_, _) => Task.FromResult(Answer(200)), "k");
        var loop = Loop();
        var first = await RunAsync(loop, a, b);
        var second = await RunAsync(loop, a, b);
        Assert.Equal("b/m", first.Target!.Address);
        Assert.StartsWith("skipped: resting until", second.Attempts[0].Outcome, StringComparison.Ordinal);
        Assert.Equal("b/m", second.Target!.Address);
        _time.Advance(TimeSpan.FromSeconds(2)); // the 1 s backoff is over: a is probed again
        var third = await RunAsync(loop, a, b);
        Assert.Equal("server-error", third.Attempts[0].Rule);
    }

    [Fact]
    public async Task EveryTargetResting_PanicModeTriesTheOneWhoseRestEndsFirst()
    {
        int calls = 0;
        var a = Provider("a", "m", (_, _) => ++calls == 1 ? Task.FromResult(Answer(429, """{"error":{"message":"rate limit"}}""", ("retry-after", "60"))) : Task.FromResult(Answer(200)), "k");
        var loop = Loop(panic: true);
        await RunAsync(loop, a);
        var panicked = await RunAsync(loop, a);
        Assert.Null(panicked.Error);
        Assert.StartsWith("panic: ok", panicked.Attempts[^1].Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTargetResting_WithoutPanicMode_ARateLimitErrorWithRetryAfter()
    {
        var a = Provider("a", "m", (_, _) => Task.FromResult(Answer(429, """{"error":{"message":"rate limit"}}""", ("retry-after", "60"))), "k");
        var loop = Loop(panic: false);
        await RunAsync(loop, a);
        var routed = await RunAsync(loop, a);
        Assert.Equal(429, routed.Error!.Status);
        Assert.Equal(60, routed.Error.RetryAfterSeconds);
        Assert.Contains("resting", routed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelNotFound_SkipsThatModelOnThatProviderOnly()
    {
        var gone = Provider("p", "old-model", (_, _) => Task.FromResult(Answer(404, """{"error":{"message":"model not found"}}""")), "k0", "k1");
        var loop = Loop();
        await RunAsync(loop, gone);
        Assert.NotNull(loop.Routing.Book.RestOf("p", 1, "old-model"));
        Assert.Null(loop.Routing.Book.RestOf("p", 0, "new-model"));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(loop.Routing.Book.RestOf("p", 0, "old-model"));
    }

    [Fact]
    public async Task ContextTooLong_NoLargerWindow_TheErrorGoesToTheClient()
    {
        int secondCalls = 0;
        var a = Provider("a", "claude-3-5-haiku-20241022", (_, _) => Task.FromResult(Answer(400, """{"error":{"message":"prompt is too long: 250000 tokens > 200000 maximum"}}""")), "k");
        var b = Provider("b", "claude-3-haiku-20240307", (_, _) => { secondCalls++; return Task.FromResult(Answer(200)); }, "k");
        var routed = await RunAsync(Loop(), a, b);
        Assert.Equal(400, routed.Error!.Status);
        Assert.Contains("too long", routed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, secondCalls);
    }

    [Fact]
    public async Task ContextTooLong_SkipsSameSizeWindowsAndTriesALargerOne()
    {
        int sameSizeCalls = 0;
        var small = Provider("a", "gpt-4o", (_, _) => Task.FromResult(Answer(400, """{"error":{"message":"This model's maximum context length is 128000 tokens","code":"context_length_exceeded"}}""")), "k");
        var sameSize = Provider("b", "gpt-4o-mini", (_, _) => { sameSizeCalls++; return Task.FromResult(Answer(200)); }, "k");
        var large = Provider("c", "gpt-4.1", (_, _) => Task.FromResult(Answer(200)), "k");

        var routed = await RunAsync(Loop(), small, sameSize, large);

        Assert.Equal("c/gpt-4.1", routed.Target!.Address);
        Assert.Equal(0, sameSizeCalls);
        Assert.StartsWith("skipped: context window", routed.Attempts[1].Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hedge_SlowFirstTarget_SecondStartsAndWinsAndTheFirstIsCancelled()
    {
        var firstCancelled = new TaskCompletionSource();
        var slow = Provider("slow", "m", async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                firstCancelled.TrySetResult();
                throw;
            }
            return Answer(200);
        }, "k");
        var fast = Provider("fast", "m", (_, _) => Task.FromResult(Answer(200)), "k");
        var loop = Loop();
        var combo = new FlowRouter.Routing.Combos.ComboNode("h", FlowRouter.Routing.Combos.ComboStrategy.Priority) { HedgeAfter = TimeSpan.FromMilliseconds(800) };
        combo.Children.Add(new(slow, null));
        combo.Children.Add(new(fast, null));
        using var plan = loop.Routing.Plan(new Resolution([slow, fast], null) { Combo = combo }, default);

        var running = loop.RunAsync(plan, Build, CancellationToken.None).AsTask();
        while (!running.IsCompleted && _time.GetUtcNow() < new DateTimeOffset(2026, 11, 25, 12, 0, 5, TimeSpan.Zero))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }
        var routed = await running.WaitAsync(TimeSpan.FromSeconds(10));
        await routed.Call!.DisposeAsync();

        Assert.Equal("fast/m", routed.Target!.Address);
        await firstCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(routed.Attempts, a => a.Target == "fast/m" && a.Hedged && a.Outcome == "ok");
        Assert.Contains(routed.Attempts, a => a.Target == "slow/m" && a.Outcome == "cancelled");
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private sealed class ScriptedHandler(Script script) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => script(request, cancellationToken);
    }
}
