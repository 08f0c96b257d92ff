namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Splits and builds <c>data:&lt;media type&gt;;base64,&lt;data&gt;</c> URLs, the way OpenAI Chat carries inline images and
/// files, so the canonical parts hold the media type and base64 text apart (the shape Anthropic and Gemini need).
/// </summary>
internal static class DataUrl
{
    private const string Base64Marker = ";base64,";

    /// <summary>True for a base64 data URL; anything else (http URLs, percent-encoded data URLs) stays a URL.</summary>
    public static bool TryParse(string url, out string mediaType, out string base64Data)
    {
        mediaType = "";
        base64Data = "";
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        int marker = url.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
        if (marker < 0 || url.IndexOf(',', StringComparison.Ordinal) < marker)
        {
            return false;
        }
        mediaType = url[5..marker];
        base64Data = url[(marker + Base64Marker.Length)..];
        return true;
    }

    public static string Build(string? mediaType, string base64Data) =>
        "data:" + (mediaType ?? "application/octet-stream") + Base64Marker + base64Data;
}
