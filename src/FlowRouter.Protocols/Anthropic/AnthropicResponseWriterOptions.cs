namespace FlowRouter.Protocols.Anthropic;

/// <summary>How <see cref="AnthropicResponseWriter"/> and <see cref="AnthropicStreamWriter"/> label an answer.</summary>
public sealed record AnthropicResponseWriterOptions
{
    /// <summary>The model name to show the client instead of the upstream's, or null to keep the upstream's.</summary>
    public string? Model { get; init; }

    /// <summary>The id to use when the answer has none, or null to make one ("msg_" + 24 hex digits).</summary>
    public string? Id { get; init; }
}
