using FlowRouter.TokenSaver.Compressors;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver;

/// <summary>
/// Condenses the output of a coding agent's tools (git, grep, ls/find/tree, cat, builds, linters, test runners, stack
/// traces, JSON, listings) before it goes to a model, keeping every fact the model would act on.
/// <list type="bullet">
/// <item>Each kind has one small pure compressor; the kind is detected from the first <see cref="DetectionWindow"/>
/// characters of the text, never from a tool name.</item>
/// <item>A compressor that does not recognise its input returns it unchanged; whatever it does not recognise inside an
/// input it keeps as it is.</item>
/// <item>Deterministic: the same text always gives the same bytes (no clock, no randomness, no culture, no hash
/// order), so a provider's prompt cache keeps hitting across turns.</item>
/// <item>Never longer than the input: when nothing is gained the input comes back as it was.</item>
/// <item>What was left out is said in short markers: <c>[… 214 unchanged context lines omitted]</c>.</item>
/// </list>
/// </summary>
public static class ToolOutputCompressor
{
    /// <summary>How much of the text <see cref="Detect"/> looks at (and <see cref="Compress"/> passes to it).</summary>
    public const int DetectionWindow = 4096;

    /// <summary>
    /// Condenses <paramref name="text"/> as output of <paramref name="kind"/> (one of <see cref="OutputKinds.All"/>;
    /// <c>auto</c> detects it).
    /// </summary>
    /// <param name="text">The tool output.</param>
    /// <param name="kind">One of <see cref="OutputKinds.All"/>; <c>auto</c> detects it from the content.</param>
    /// <param name="command">The shell command that produced the output, when the tool call says (optional): it settles
    /// what the content cannot, such as whether a bare path list came from <c>find</c>.</param>
    /// <exception cref="ArgumentException">The kind is not one of <see cref="OutputKinds.All"/>.</exception>
    public static CompressionResult Compress(string text, string kind = OutputKinds.Auto, string? command = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(kind);
        if (!OutputKinds.IsKnown(kind))
        {
            throw new ArgumentException($"unknown kind '{kind}'", nameof(kind));
        }
        string cleaned = TerminalCleanup.Clean(text, out _);
        string resolved = kind == OutputKinds.Auto
            ? KindDetector.Detect(cleaned.AsSpan(0, Math.Min(cleaned.Length, DetectionWindow)), CommandHint.ProducerOf(command))
            : kind;
        string? compressed = null;
        try
        {
            compressed = Run(resolved, cleaned);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Safe by construction: a compressor that trips over an input it misjudged leaves the text alone.
            compressed = null;
        }
        if (compressed is not null && Lines.IsBlank(compressed) && !Lines.IsBlank(cleaned))
        {
            // Everything judged noise (say, git's hints alone): the model would see nothing, so it sees the text.
            compressed = null;
        }
        string result = compressed ?? GenericText(cleaned) ?? cleaned;
        if (result.Length >= text.Length)
        {
            return new CompressionResult(text, resolved, text.Length, text.Length, false);
        }
        return new CompressionResult(result, resolved, text.Length, result.Length, true);
    }

    /// <summary>
    /// The kind of tool output that <paramref name="head"/> (the first few KB of it; more is ignored) looks like, or
    /// <c>text</c> when none fits well enough.
    /// </summary>
    public static string Detect(ReadOnlySpan<char> head) =>
        KindDetector.Detect(head.Length > DetectionWindow ? head[..DetectionWindow] : head);

    /// <summary>The compressor of <paramref name="kind"/> on already cleaned text, without the safety net (for tests).</summary>
    internal static string? Run(string kind, string text) => kind switch
    {
        OutputKinds.GitDiff => GitDiffCompressor.Compress(text),
        OutputKinds.GitLog => GitLogCompressor.Compress(text),
        OutputKinds.GitStatus => GitStatusCompressor.Compress(text),
        OutputKinds.GitBlame => GitBlameCompressor.Compress(text),
        OutputKinds.Grep => GrepCompressor.Compress(text),
        OutputKinds.Ls => LsCompressor.Compress(text),
        OutputKinds.Find => FindCompressor.Compress(text),
        OutputKinds.Tree => TreeCompressor.Compress(text),
        OutputKinds.Cat => SourceFileCompressor.Compress(text),
        OutputKinds.BuildLog => BuildLogCompressor.Compress(text),
        OutputKinds.Lint => LintCompressor.Compress(text),
        OutputKinds.TestOutput => TestOutputCompressor.Compress(text),
        OutputKinds.StackTrace => StackTraceCompressor.Compress(text),
        OutputKinds.Json => JsonCompressor.Compress(text),
        OutputKinds.PackageList => PackageListCompressor.Compress(text),
        OutputKinds.Ps => ProcessListCompressor.Compress(text),
        OutputKinds.Disk => TableCompressor.Compress(text),
        OutputKinds.Env => EnvCompressor.Compress(text),
        OutputKinds.Wc => TableCompressor.Compress(text),
        OutputKinds.Log => LogCompressor.CompressLog(text),
        _ => null,
    };

    private static string? GenericText(string text) => LogCompressor.Compress(text);
}
