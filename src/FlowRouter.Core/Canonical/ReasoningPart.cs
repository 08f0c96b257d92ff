namespace FlowRouter.Core.Canonical;

/// <summary>
/// Model reasoning: visible text and/or an opaque signature or redacted blob. Signatures are only valid for the
/// provider and model that produced them, so <see cref="OriginProvider"/>/<see cref="OriginModel"/> say where it
/// came from and writers for another target drop it rather than replay it.
/// </summary>
public sealed class ReasoningPart : ContentPart
{
    public string? Text { get; set; }
    public string? Signature { get; set; }

    /// <summary>Opaque redacted or encrypted reasoning (Anthropic redacted_thinking, Responses encrypted_content).</summary>
    public string? RedactedData { get; set; }

    /// <summary>
    /// The id of the wire item that carried the reasoning (OpenAI Responses reasoning item "rs_…"), or null. Parts
    /// sharing one id came from one item (one part per summary entry) and are written back as that one item.
    /// </summary>
    public string? ItemId { get; set; }

    public string? OriginProvider { get; set; }
    public string? OriginModel { get; set; }
}
