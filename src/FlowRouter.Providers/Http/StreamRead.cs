using FlowRouter.Core.Sse;

namespace FlowRouter.Providers.Http;

/// <summary>The result of reading one upstream stream event: an event, the clean end, or a failure.</summary>
public readonly struct StreamRead
{
    private StreamRead(SseEvent? sseEvent, UpstreamFailure? failure)
    {
        Event = sseEvent;
        Failure = failure;
    }

    public SseEvent? Event { get; }
    public UpstreamFailure? Failure { get; }
    public bool IsEnd => Event is null && Failure is null;

    public static StreamRead Of(SseEvent sseEvent) => new(sseEvent, null);
    public static StreamRead Fail(UpstreamFailure failure) => new(null, failure);
    public static readonly StreamRead End = new(null, null);
}
