namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// inlineData.data is proto "bytes", which Gemini accepts in the standard and in the URL-safe base64 alphabet, padded
/// or not (the Python SDK sends URL-safe). The canonical parts hold standard padded base64 (what Anthropic and OpenAI
/// data URLs need), so the reader normalises and the writer restores the client's own alphabet for a same-protocol
/// write, from a marker the reader leaves.
/// </summary>
internal static class GeminiBase64
{
    /// <summary>Marker value: the source used the URL-safe alphabet ("-", "_").</summary>
    public const string UrlSafe = "url";

    /// <summary>Marker value: the source used the URL-safe alphabet without "=" padding.</summary>
    public const string UrlSafeUnpadded = "url-nopad";

    /// <summary>Marker value: standard alphabet without padding.</summary>
    public const string Unpadded = "nopad";

    /// <summary>Standard padded base64 of <paramref name="data"/>, and how the source spelled it (null: already standard).</summary>
    public static bool TryNormalise(string data, out string standard, out string? style)
    {
        standard = data;
        style = null;
        bool urlSafe = false;
        int padding = 0;
        for (int i = 0; i < data.Length; i++)
        {
            char c = data[i];
            if (c is '-' or '_')
            {
                urlSafe = true;
            }
            else if (c == '=')
            {
                padding++;
            }
            else if (padding > 0 || !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }
        int unpaddedLength = data.Length - padding;
        if (padding > 2 || unpaddedLength % 4 == 1 || (padding > 0 && data.Length % 4 != 0))
        {
            return false;
        }
        bool padded = padding > 0 || unpaddedLength % 4 == 0;
        if (!urlSafe && padded)
        {
            return true;
        }
        string text = urlSafe ? data.Replace('-', '+').Replace('_', '/') : data;
        standard = padded ? text : text + new string('=', (4 - unpaddedLength % 4) % 4);
        style = urlSafe ? (padded ? UrlSafe : UrlSafeUnpadded) : Unpadded;
        return true;
    }

    public static string Restore(string standard, string? style) => style switch
    {
        UrlSafe => standard.Replace('+', '-').Replace('/', '_'),
        UrlSafeUnpadded => standard.Replace('+', '-').Replace('/', '_').TrimEnd('='),
        Unpadded => standard.TrimEnd('='),
        _ => standard,
    };
}
