namespace FlowRouter.Protocols.Gemini;

/// <summary>How <see cref="GeminiResponseWriter"/> and <see cref="GeminiStreamWriter"/> label an answer.</summary>
public sealed record GeminiResponseWriterOptions
{
    /// <summary>The model name to show the client as modelVersion instead of the upstream's, or null to keep it.</summary>
    public string? Model { get; init; }

    /// <summary>The responseId to use when the answer has none, or null to make one.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Streams only: true when the events come from a Gemini upstream, so a signature delta is a Gemini
    /// thoughtSignature the client may replay. False (the default) leaves signatures of text and thought blocks out:
    /// another provider's signature (an Anthropic thinking signature) would come back from the client as a Gemini
    /// thoughtSignature, and Gemini rejects signatures it did not make. A tool call's signature is always written
    /// (only Gemini's decoder produces one).
    /// </summary>
    public bool SignaturesFromGemini { get; init; }
}
