using System.Globalization;
using FlowRouter.TokenSaver;
using FlowRouter.TokenSaving;

namespace FlowRouter.Cli;

/// <summary>
/// <c>flowrouter compress [--kind auto|KIND] [--command CMD] [--stats]</c>: reads a tool output on stdin and writes what the token saver
/// makes of it on stdout (exactly, no newline added), so a scorer can drive the compressors. <c>--command</c> is the shell command that
/// produced the output, as the gateway reads it from the agent's tool call. As in the gateway, a condensed text that
/// saves no o200k token is not used (<see cref="TokenSaving.TokenPayoff"/>). <c>--stats</c> adds one line on stderr:
/// the kind used, and the characters and tokens before and after. An unknown kind is a usage error (exit 2).
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
        // As the gateway: a condensed text that saves no token is not sent.
        bool pays = TokenPayoff.Pays(text, result.Text, out int tokensBefore, out int tokensAfter);
        bool changed = result.Changed && pays;
        string output = changed ? result.Text : text;
        await stdout.WriteAsync(output).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        if (stats)
        {
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"kind={result.Kind} chars={text.Length}->{output.Length} tokens={tokensBefore}->{(changed ? tokensAfter : tokensBefore)} changed={(changed ? "yes" : "no")}")).ConfigureAwait(false);
        }
        return CliApp.ExitOk;
    }
}
