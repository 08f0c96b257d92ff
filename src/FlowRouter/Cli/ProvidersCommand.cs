using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Providers;
using FlowRouter.Providers.Http;

namespace FlowRouter.Cli;

/// <summary>
/// `flowrouter providers list` (the configured and environment providers, keys masked) and `flowrouter providers
/// test ID` (a real call: the provider's model list, with the exact error when it fails). Exit codes: 0 ok,
/// 1 the test failed, 2 bad usage or config.
/// </summary>
internal static class ProvidersCommand
{
    public static int List(ServeOptions options, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        if (Load(options, stderr, environment) is not { } config)
        {
            return CliApp.ExitUsage;
        }
        if (config.Providers.Count == 0)
        {
            stdout.WriteLine("No provider is configured. Add one to the config file, through the admin API, or set a key such as OPENAI_API_KEY.");
            return CliApp.ExitOk;
        }
        foreach (var p in config.Providers)
        {
            string keys = p.ApiKeys.Count == 0 ? "no key" : string.Join(", ", p.ApiKeys.Select(SecretMasker.MaskValue));
            stdout.WriteLine($"{p.Id,-16} {p.Type.ToConfigName(),-17} {p.BaseUrl}  keys: {keys}  {(p.Enabled ? "enabled" : "disabled")}  from {p.Origin}");
        }
        return CliApp.ExitOk;
    }

    public static async Task<int> TestAsync(string id, ServeOptions options, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        if (Load(options, stderr, environment) is not { } config)
        {
            return CliApp.ExitUsage;
        }
        if (config.Providers.FirstOrDefault(p => p.Id == id) is not { } provider)
        {
            await stderr.WriteLineAsync($"flowrouter: providers test: no provider '{id}' (configured: {string.Join(", ", config.Providers.Select(p => p.Id))})").ConfigureAwait(false);
            return CliApp.ExitUsage;
        }
        using var runtime = new ProviderRuntime(provider, config.Server.Timeouts);
        if (!ModelListClient.CanList(runtime))
        {
            await stderr.WriteLineAsync($"flowrouter: providers test: {id} ({provider.Type.ToConfigName()}) has no model list to call").ConfigureAwait(false);
            return CliApp.ExitFailure;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (models, error) = await ModelListClient.FetchAsync(runtime, timeout.Token).ConfigureAwait(false);
        if (models is null)
        {
            await stderr.WriteLineAsync($"flowrouter: providers test: {id}: {error}").ConfigureAwait(false);
            return CliApp.ExitFailure;
        }
        await stdout.WriteLineAsync($"{id}: ok, {models.Count} models: {string.Join(", ", models.Take(20))}{(models.Count > 20 ? ", …" : "")}").ConfigureAwait(false);
        return CliApp.ExitOk;
    }

    /// <summary>The config file merged with the providers added through the admin API (when the data dir has a store).</summary>
    private static FlowRouterConfig? Load(ServeOptions options, TextWriter stderr, Func<string, string?> environment)
    {
        try
        {
            var settings = SettingsResolver.Resolve(options, environment);
            if (!File.Exists(Path.Combine(settings.DataDir, Storage.Sqlite.SqliteStore.FileName)))
            {
                return settings.Config;
            }
        }
        catch (ConfigException ex)
        {
            stderr.WriteLine("flowrouter: " + ex.Message);
            return null;
        }
        using var access = StoredConfigAccess.Open(options, "providers", stderr, environment);
        return access?.Compose();
    }
}
