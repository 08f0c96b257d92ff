namespace FlowRouter.Core.Config;

/// <summary>
/// Upstream timeouts. FirstByte runs until response headers arrive and, for streams, the first event; Idle is the
/// longest gap allowed between stream events (or body reads); Total bounds the whole attempt.
/// </summary>
public sealed record TimeoutSettings(TimeSpan Connect, TimeSpan FirstByte, TimeSpan Idle, TimeSpan Total)
{
    /// <summary>Reasoning models can think for minutes before the first token, so FirstByte is generous.</summary>
    public static readonly TimeoutSettings Default = new(
        Connect: TimeSpan.FromSeconds(10),
        FirstByte: TimeSpan.FromSeconds(180),
        Idle: TimeSpan.FromSeconds(90),
        Total: TimeSpan.FromMinutes(15));
}
