using System.Text;

namespace FlowRouter.TestKit;

/// <summary>
/// One scripted answer of the fake upstream, with optional faults: a delay before the headers, a pause between
/// stream events, a connection reset instead of an answer, a stream cut after N events, or a hang.
/// </summary>
public sealed record FakeResponse
{
    public int Status { get; init; } = 200;
    public string ContentType { get; init; } = "application/json";
    public byte[] Body { get; init; } = [];

    /// <summary>For streams: the events, each with its own terminating blank line, written and flushed one by one.</summary>
    public IReadOnlyList<byte[]>? Events { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public TimeSpan DelayBeforeHeaders { get; init; }
    public TimeSpan DelayBetweenEvents { get; init; }

    /// <summary>Abort the connection instead of answering.</summary>
    public bool Reset { get; init; }

    /// <summary>Abort the connection after writing this many events.</summary>
    public int? CutAfterEvents { get; init; }

    /// <summary>Send headers (and events up to <see cref="CutAfterEvents"/> if set) then never finish.</summary>
    public bool HangAfterHeaders { get; init; }

    public static FakeResponse Json(int status, string json, params (string Name, string Value)[] headers) => new()
    {
        Status = status,
        Body = Encoding.UTF8.GetBytes(json),
        Headers = headers.ToDictionary(h => h.Name, h => h.Value),
    };

    public static FakeResponse FromFixture(FixtureCase fixture) => fixture.IsSse
        ? new FakeResponse { Status = fixture.Status, ContentType = fixture.ContentType, Events = SseSplitter.SplitEvents(fixture.ResponseBody) }
        : new FakeResponse { Status = fixture.Status, ContentType = fixture.ContentType, Body = fixture.ResponseBody };

    public static FakeResponse Sse(params string[] dataPayloads) => new()
    {
        ContentType = "text/event-stream",
        Events = dataPayloads.Select(d => Encoding.UTF8.GetBytes($"data: {d}\n\n")).ToArray(),
    };

    /// <summary>A stream given as raw SSE text (event: and data: lines), split into its events.</summary>
    public static FakeResponse SseText(string sse) => new()
    {
        ContentType = "text/event-stream",
        Events = SseSplitter.SplitEvents(Encoding.UTF8.GetBytes(sse)),
    };
}
