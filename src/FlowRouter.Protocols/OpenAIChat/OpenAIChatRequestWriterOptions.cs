namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>How <see cref="OpenAIChatRequestWriter"/> shapes a request for its target.</summary>
public sealed record OpenAIChatRequestWriterOptions
{
    /// <summary>The upstream model name to write instead of <c>ChatRequest.Model</c>, or null to keep it.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// The token-limit field for a request whose limit came from another protocol. OpenAI documents
    /// max_completion_tokens and rejects max_tokens for o-series models; some compatible vendors only know max_tokens.
    /// </summary>
    public string DefaultMaxTokensField { get; init; } = "max_completion_tokens";
}
