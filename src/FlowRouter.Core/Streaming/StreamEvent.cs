using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;

namespace FlowRouter.Core.Streaming;

/// <summary>
/// A canonical stream event: indexed blocks that map without loss from Anthropic content blocks, OpenAI
/// tool_calls[index] deltas, Responses output items and Gemini parts (DESIGN.md §2).
/// </summary>
public abstract record StreamEvent;

/// <summary>The answer begins. Usage, when known this early, carries the input tokens.</summary>
public sealed record MessageStart(string? Id, string? Model, long? Created = null, Usage? Usage = null) : StreamEvent
{
    public JsonExtensions? Extensions { get; init; }
}

/// <summary>Block <paramref name="Index"/> opens. Tool calls carry their id and name here.</summary>
public sealed record BlockStart(int Index, BlockKind Kind, string? ToolCallId = null, string? ToolName = null) : StreamEvent
{
    public ToolKind ToolKind { get; init; } = ToolKind.Function;

    /// <summary>True for a call streamed as OpenAI's deprecated function_call delta (see <see cref="ToolCallPart.LegacyFunctionCall"/>).</summary>
    public bool LegacyFunctionCall { get; init; }
}

/// <summary>A raw fragment appended to block <paramref name="Index"/>.</summary>
public sealed record BlockDelta(int Index, DeltaKind Kind, string Fragment) : StreamEvent;

public sealed record BlockStop(int Index) : StreamEvent;

/// <summary>Message-level news: why it stopped and/or usage. May arrive more than once; later values win.</summary>
public sealed record MessageDelta(FinishReason? Finish = null, Usage? Usage = null, string? StopSequence = null) : StreamEvent;

public sealed record MessageStop : StreamEvent
{
    public static readonly MessageStop Instance = new();
}

/// <summary>The stream failed after it began; writers emit their protocol's in-stream error frame.</summary>
public sealed record StreamError(GatewayError Error) : StreamEvent;

/// <summary>
/// Block <paramref name="Index"/> opens as a block only its source protocol can carry (Anthropic server_tool_use,
/// web_search_tool_result…), kept as its raw JSON: a writer of that protocol replays it, every other writer skips
/// it (and its deltas and stop), as non-streamed answers do with <see cref="Canonical.RawPart"/>.
/// </summary>
public sealed record RawBlockStart(int Index, WireProtocol Source, string BlockJson) : StreamEvent;

/// <summary>A delta only the source protocol can carry (e.g. Anthropic citations_delta on a text block), as raw JSON.</summary>
public sealed record RawDelta(int Index, WireProtocol Source, string DeltaJson) : StreamEvent;
