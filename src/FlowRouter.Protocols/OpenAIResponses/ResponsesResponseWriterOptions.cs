using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>How <see cref="ResponsesResponseWriter"/> and <see cref="ResponsesStreamWriter"/> label an answer.</summary>
public sealed record ResponsesResponseWriterOptions
{
    /// <summary>The model name to show the client instead of the upstream's, or null to keep the upstream's.</summary>
    public string? Model { get; init; }

    /// <summary>The id to use when the answer has none (it came from another protocol), or null to make one ("resp_…").</summary>
    public string? Id { get; init; }

    /// <summary>Unix seconds to use when the answer has no creation time, or null to take the clock's.</summary>
    public long? Created { get; init; }

    /// <summary>
    /// The client's request, whose settings a response object echoes (instructions, tools, tool_choice, reasoning,
    /// text, temperature, store…). Null: the API's defaults are echoed. An answer read from a Responses upstream
    /// carries the upstream's own echo, which wins.
    /// </summary>
    public ChatRequest? Request { get; init; }

    /// <summary>The clock for <see cref="Created"/> fallbacks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
