using FlowRouter.Core.Canonical;

namespace FlowRouter.Providers.Http;

/// <summary>What to send to a provider for one attempt. The body is owned by the caller and must outlive the attempt.</summary>
public sealed record UpstreamRequest(string RelativePath, ReadOnlyMemory<byte> Body, bool Stream)
{
    /// <summary>Tells an in-stream error frame from a real first event (protocol-specific).</summary>
    public Func<ReadOnlyMemory<byte>, string?, bool>? IsStreamErrorEvent { get; init; }

    /// <summary>
    /// For a target whose answer is translated: reads a 2xx JSON answer into the canonical model inside the attempt,
    /// so an answer the codec cannot read fails over like a 5xx (it throws on one), and the relay uses the parsed
    /// answer (<see cref="UpstreamCall.Answer"/>) instead of parsing again. Null: passthrough, the answer is only
    /// checked to be a well-formed JSON object without an error (<see cref="JsonAnswerScan"/>).
    /// </summary>
    public Func<ReadOnlyMemory<byte>, ChatResponse>? ReadAnswer { get; init; }

    /// <summary>Extra headers for this call only (e.g. forwarded anthropic-beta).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }
}
