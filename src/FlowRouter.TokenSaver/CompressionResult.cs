namespace FlowRouter.TokenSaver;

/// <summary>
/// What <see cref="ToolOutputCompressor.Compress"/> made of one tool output.
/// </summary>
/// <param name="Text">The text to show the model: the condensed output, or the input itself when nothing was gained.</param>
/// <param name="Kind">The kind the text was treated as (given, or detected from its first few KB), e.g. <c>git_diff</c>;
/// <c>text</c> when no specific kind was recognised.</param>
/// <param name="CharsBefore">Length of the input, in UTF-16 chars.</param>
/// <param name="CharsAfter">Length of <paramref name="Text"/>, in UTF-16 chars; never more than <paramref name="CharsBefore"/>.</param>
/// <param name="Changed">Whether <paramref name="Text"/> differs from the input.</param>
public sealed record CompressionResult(string Text, string Kind, int CharsBefore, int CharsAfter, bool Changed);
