namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>How <see cref="OpenAIChatResponseWriter"/> and <see cref="OpenAIChatStreamWriter"/> label an answer.</summary>
public sealed record OpenAIChatResponseWriterOptions
{
    /// <summary>The model name to show the client instead of the upstream's, or null to keep the upstream's.</summary>
    public string? Model { get; init; }

    /// <summary>The id to use when the answer has none (it came from a protocol without ids), or null to make one.</summary>
    public string? Id { get; init; }

    /// <summary>Unix seconds to use when the answer has no creation time, or null to take the clock's.</summary>
    public long? Created { get; init; }

    /// <summary>Streams only: whether the client asked for stream_options.include_usage (the usage chunk).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>The clock for <see cref="Created"/> fallbacks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
