using FlowRouter.TokenSaver;

namespace FlowRouter.TokenSaving;

/// <summary>The token saver's compressors as the request path uses them: the condensed text, or null when left as it was.</summary>
internal static class ToolOutputCompression
{
    public static string? Compress(string text)
    {
        var result = ToolOutputCompressor.Compress(text);
        return result.Changed ? result.Text : null;
    }
}
