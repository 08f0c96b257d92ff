using System.Globalization;
using FlowRouter.TokenSaver;

namespace FlowRouter.Cli;

/// <summary>
/// <c>flowrouter compress [--kind auto|KIND] [--command CMD] [--stats]</c>: reads a tool output on stdin and writes what the token saver
/// makes of it on stdout (exactly, no newline added), so a scorer can drive the compressors. <c>--command</c> is the shell command that
/// produced the output, as the gateway reads it from the agent's tool call. <c>--stats</c> adds one line
/// on stderr: the kind used and the sizes. An unknown kind is a usage error (exit 2).
/// </summary>
internal static class CompressCommand
{
    public static async Task<int> RunAsync(string? kind, string? command, bool stats, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        kind ??= OutputKinds.Auto;
        if (!OutputKinds.IsKnown(kind))
        {
            await stderr.WriteLineAsync($"flowrouter: compress: unknown kind '{kind}' (expected {string.Join(" | ", OutputKinds.All)})").ConfigureAwait(false);
            return CliApp.ExitUsage;
        }
        string text = await stdin.ReadToEndAsync().ConfigureAwait(false);
        CompressionResult result = ToolOutputCompressor.Compress(text, kind, command);
        await stdout.WriteAsync(result.Text).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        if (stats)
        {
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"kind={result.Kind} chars={result.CharsBefore}->{result.CharsAfter} changed={(result.Changed ? "yes" : "no")}")).ConfigureAwait(false);
        }
        return CliApp.ExitOk;
    }
}
