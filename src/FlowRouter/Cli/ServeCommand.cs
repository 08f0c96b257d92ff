using System.Net.Sockets;
using FlowRouter.Configuration;
using FlowRouter.Hosting;
using FlowRouter.Storage;

namespace FlowRouter.Cli;

/// <summary>`flowrouter serve`: resolve settings, start, say where it listens and what it routes, run until stopped.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(ServeOptions options, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        ServerSettings settings;
        try
        {
            settings = SettingsResolver.Resolve(options, environment);
        }
        catch (ConfigException ex)
        {
            await stderr.WriteLineAsync("flowrouter: " + ex.Message).ConfigureAwait(false);
            return CliApp.ExitUsage;
        }
        FlowRouterServer server;
        try
        {
            server = await FlowRouterServer.StartAsync(settings).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            await stderr.WriteLineAsync("flowrouter: " + ex.Message).ConfigureAwait(false);
            return CliApp.ExitUsage;
        }
        catch (StoreException ex)
        {
            await stderr.WriteLineAsync("flowrouter: " + ex.Message).ConfigureAwait(false);
            return CliApp.ExitFailure;
        }
        catch (IOException ex) when (ex.InnerException is SocketException or IOException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await stderr.WriteLineAsync($"flowrouter: cannot listen on {settings.Host}:{settings.Port}: {ex.Message} (is another FlowRouter running? use --port)").ConfigureAwait(false);
            return CliApp.ExitFailure;
        }
        await using (server.ConfigureAwait(false))
        {
            StartupBanner.Write(stdout, settings, server);
            await server.WaitForShutdownAsync().ConfigureAwait(false);
        }
        return CliApp.ExitOk;
    }
}
