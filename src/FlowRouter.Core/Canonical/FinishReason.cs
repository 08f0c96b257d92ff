namespace FlowRouter.Core.Canonical;

/// <summary>
/// Why generation stopped, as an open enum. Each codec maps its own values to these well-known ones and keeps
/// anything it does not know as <see cref="Other"/> with the raw value, so an unknown value is never silently
/// reported as <see cref="Stop"/>.
/// </summary>
public readonly record struct FinishReason(string Value)
{
    public static readonly FinishReason Stop = new("stop");
    public static readonly FinishReason Length = new("length");
    public static readonly FinishReason ToolCalls = new("tool_calls");
    public static readonly FinishReason ContentFilter = new("content_filter");
    public static readonly FinishReason StopSequence = new("stop_sequence");
    public static readonly FinishReason Refusal = new("refusal");
    public static readonly FinishReason PauseTurn = new("pause_turn");
    public static readonly FinishReason Error = new("error");

    /// <summary>A value no codec knows; <paramref name="raw"/> is the upstream's own word.</summary>
    public static FinishReason Other(string raw) => new(raw);

    public bool IsWellKnown =>
        this == Stop || this == Length || this == ToolCalls || this == ContentFilter ||
        this == StopSequence || this == Refusal || this == PauseTurn || this == Error;

    public override string ToString() => Value;
}
