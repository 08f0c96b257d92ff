namespace FlowRouter.Core.Canonical;

/// <summary>
/// Token counts in one convention, whatever the wire said (each codec converts at its edge):
/// <see cref="InputTokens"/> counts every prompt token, cached ones included (OpenAI's rule; Anthropic's
/// input_tokens excludes cache reads and writes, so its codec adds them); <see cref="OutputTokens"/> counts every
/// generated token, reasoning included (Gemini reports thoughts beside candidates, so its codec adds them).
/// </summary>
public sealed record Usage
{
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long? CacheReadTokens { get; init; }
    public long? CacheWriteTokens { get; init; }
    public long? ReasoningTokens { get; init; }

    /// <summary>Protocol-specific detail fields (e.g. OpenAI's audio_tokens) kept for a same-protocol write.</summary>
    public JsonExtensions? Extensions { get; init; }

    public long TotalTokens => InputTokens + OutputTokens;
}
