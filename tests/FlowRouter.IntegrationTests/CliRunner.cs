using FlowRouter.Cli;

namespace FlowRouter.IntegrationTests;

/// <summary>Runs the CLI in-process with captured output and an empty environment (nothing from the machine leaks in).</summary>
internal static class CliRunner
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(args, null);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, Func<string, string?>? environment)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(args, stdout, stderr, environment ?? (_ => null));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
