namespace FlowRouter.Core.Canonical;

/// <summary>An image, either inline (base64 text, kept encoded to avoid a decode/encode per hop) or by URL.</summary>
public sealed class ImagePart : ContentPart
{
    /// <summary>http(s) URL, or null when the image is inline.</summary>
    public string? Url { get; set; }

    /// <summary>Standard base64 of the image bytes when inline.</summary>
    public string? Base64Data { get; set; }

    /// <summary>e.g. image/png; required when inline.</summary>
    public string? MediaType { get; set; }

    /// <summary>A provider file id (OpenAI Responses input_image file_id, Anthropic file source), or null.</summary>
    public string? FileId { get; set; }

    /// <summary>OpenAI's detail hint (auto|low|high), or null.</summary>
    public string? Detail { get; set; }

    public string? CacheControlJson { get; set; }
}
