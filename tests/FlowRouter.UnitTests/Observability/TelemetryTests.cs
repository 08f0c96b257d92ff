using System.Collections.Concurrent;
using System.Diagnostics;
using FlowRouter.Core.Canonical;
using FlowRouter.Endpoints;
using FlowRouter.Observability;
using FlowRouter.Routing;

namespace FlowRouter.UnitTests.Observability;

public sealed class TelemetryTests
{
    [Fact]
    public void Record_FailoverRequest_EmitsGenAiRequestSpanWithOneClientSpanPerCall()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var started = DateTimeOffset.UtcNow.AddSeconds(-2);
        string id = "req_telemetry_" + Guid.NewGuid().ToString("N");
        var outcome = new RequestOutcome(id, started, 0)
        {
            RequestedModel = "pair",
            Provider = "beta",
            UpstreamModel = "beta-model",
            Status = 200,
            Attempts = 3,
            Usage = new Usage { InputTokens = 120, OutputTokens = 30 },
            AttemptLog =
            [
                new AttemptRecord("gamma/gamma-model", null, "skipped: resting", TimeSpan.Zero),
                new AttemptRecord("alpha/alpha-model", 503, "overloaded: upstream 503", TimeSpan.FromMilliseconds(300)) { Rule = "overloaded" },
                new AttemptRecord("beta/beta-model", 200, "ok", TimeSpan.FromMilliseconds(900)),
            ],
        };

        Telemetry.Record(outcome, started.AddSeconds(1.5), 1.5);

        var request = Assert.Single(spans, s => (string?)s.GetTagItem("flowrouter.request.id") == id);
        Assert.Equal("chat pair", request.DisplayName);
        Assert.Equal("chat", request.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("pair", request.GetTagItem("gen_ai.request.model"));
        Assert.Equal("beta-model", request.GetTagItem("gen_ai.response.model"));
        Assert.Equal("beta", request.GetTagItem("gen_ai.system"));
        Assert.Equal(120L, request.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(30L, request.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(TimeSpan.FromSeconds(1.5), request.Duration);

        var attempts = spans.Where(s => s.ParentSpanId == request.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("chat alpha-model", attempts[0].DisplayName);
        Assert.Equal(ActivityKind.Client, attempts[0].Kind);
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal(503, attempts[0].GetTagItem("http.response.status_code"));
        Assert.Equal("chat beta-model", attempts[1].DisplayName);
        Assert.Equal("beta-model", attempts[1].GetTagItem("gen_ai.response.model"));
        Assert.Equal(120L, attempts[1].GetTagItem("gen_ai.usage.input_tokens"));
        Assert.True(attempts[1].StartTimeUtc >= attempts[0].StartTimeUtc + attempts[0].Duration);
    }
}
