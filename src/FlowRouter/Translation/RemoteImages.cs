using FlowRouter.Core.Canonical;
using FlowRouter.Core.Errors;
using FlowRouter.Providers.Images;

namespace FlowRouter.Translation;

/// <summary>
/// Turns the http(s) image URLs of a canonical request into inline data, for targets that cannot take a URL (Gemini
/// reads inlineData or its own file URIs only). Every image part is visited: messages, system, and tool results. A
/// URL that points at the target's own file store (…/v1beta/files/…) is left as a file URI. Each image is bounded by
/// server.max_image_mb and all of them together by server.max_images_per_request_mb (<see cref="ImageFetcher.MaxRequestBytes"/>):
/// thirty 19 MB URLs must not take 570 MB (and three times that once base64-encoded) for one request.
/// </summary>
internal static class RemoteImages
{
    /// <summary>The 400 to answer when an image cannot be fetched, or null when every URL image is now inline.</summary>
    public static async ValueTask<GatewayError?> InlineAsync(ChatRequest request, ImageFetcher fetcher, bool allowPrivate, IReadOnlyList<string> ownFilePrefixes, CancellationToken cancellationToken)
    {
        var images = new List<(ImagePart Image, string Path)>();
        Collect(request.System, "system", images);
        for (int i = 0; i < request.Messages.Count; i++)
        {
            Collect(request.Messages[i].Parts, $"messages[{i}]", images);
        }
        long budget = fetcher.MaxRequestBytes;
        foreach (var (image, path) in images)
        {
            string url = image.Url!;
            if (ownFilePrefixes.Any(prefix => url.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }
            var fetched = await fetcher.FetchAsync(url, allowPrivate, budget, cancellationToken).ConfigureAwait(false);
            if (!fetched.Succeeded)
            {
                return GatewayError.InvalidRequest(
                    $"The image at {path} must be fetched by FlowRouter for this provider (it takes only inline images), and {fetched.Error}.", path) with
                {
                    Code = "image_fetch_failed",
                };
            }
            budget -= fetched.Data!.Length;
            image.Base64Data = Convert.ToBase64String(fetched.Data);
            image.MediaType = fetched.MediaType;
            image.Url = null;
        }
        return null;
    }

    private static void Collect(List<ContentPart> parts, string path, List<(ImagePart, string)> images)
    {
        for (int i = 0; i < parts.Count; i++)
        {
            switch (parts[i])
            {
                case ImagePart { Url: { } url, Base64Data: null } image when url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase):
                    images.Add((image, $"{path}.content[{i}]"));
                    break;
                case ToolResultPart result:
                    Collect(result.Content, $"{path}.content[{i}]", images);
                    break;
            }
        }
    }
}
