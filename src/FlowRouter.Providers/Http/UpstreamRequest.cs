namespace FlowRouter.Providers.Http;

/// <summary>What to send to a provider for one attempt. The body is owned by the caller and must outlive the attempt.</summary>
public sealed record UpstreamRequest(string RelativePath, ReadOnlyMemory<byte> Body, bool Stream)
{
    /// <summary>Tells an in-stream error frame from a real first event (protocol-specific).</summary>
    public Func<ReadOnlyMemory<byte>, string?, bool>? IsStreamErrorEvent { get; init; }

    /// <summary>Extra headers for this call only (e.g. forwarded anthropic-beta).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }
}
