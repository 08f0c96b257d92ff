namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>git log</c> in its default, <c>--stat</c> and <c>-p</c> forms: commit blocks as in <see cref="GitCommitHeader"/>
/// (one line each: short hash, day, author without e-mail, subject, the body counted), stat lines without their graph,
/// patches as in <see cref="GitDiffCompressor"/>. One-line and custom formats have nothing to cut and pass through.
/// </summary>
internal static class GitLogCompressor
{
    public static string? Compress(string text) => GitDiffCompressor.Compress(text);
}
