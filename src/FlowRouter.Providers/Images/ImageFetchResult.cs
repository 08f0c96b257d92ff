namespace FlowRouter.Providers.Images;

/// <summary>A fetched image (bytes and media type), or why it could not be used (a message for the client's 400).</summary>
public sealed record ImageFetchResult(byte[]? Data, string? MediaType, string? Error)
{
    public bool Succeeded => Data is not null;

    /// <summary>True when the image did not fit in what was left of the request's total (server.max_images_per_request_mb).</summary>
    public bool OverBudget { get; init; }

    public static ImageFetchResult Fail(string error) => new(null, null, error);
}
