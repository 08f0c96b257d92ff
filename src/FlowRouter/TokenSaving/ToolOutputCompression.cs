using FlowRouter.TokenSaver;

namespace FlowRouter.TokenSaving;

/// <summary>The token saver's compressors as the request path uses them: the condensed text, or null when left as it was.</summary>
internal static class ToolOutputCompression
{
    public static string? Compress(string text, string? command)
    {
        var result = ToolOutputCompressor.Compress(text, command: command);
        return result.Changed ? result.Text : null;
    }
}
