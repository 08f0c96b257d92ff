namespace FlowRouter.Core.Canonical;

/// <summary>A document or other file (PDF, audio, plain text) given inline, by URL, or by a provider file id.</summary>
public sealed class FilePart : ContentPart
{
    public string? MediaType { get; set; }
    public string? Base64Data { get; set; }
    public string? Url { get; set; }
    public string? FileId { get; set; }
    public string? FileName { get; set; }
    public string? CacheControlJson { get; set; }
}
