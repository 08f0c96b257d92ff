namespace FlowRouter.Providers.Images;

/// <summary>Thrown from the fetcher's connect step when a host resolves to an address image URLs may not reach.</summary>
public sealed class ImageRefusedException : Exception
{
    public ImageRefusedException()
    {
    }

    public ImageRefusedException(string message)
        : base(message)
    {
    }

    public ImageRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
