using System.Globalization;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Providers.Presets;
using Microsoft.Extensions.Logging;

namespace FlowRouter.Hosting;

/// <summary>
/// Merges the sources of settings. Precedence, highest first: command-line flag, FLOWROUTER_* environment variable,
/// config file, built-in default. The config file is --config, else FLOWROUTER_CONFIG, else config.yaml (or .yml,
/// .json) in the data dir when present. Provider keys found in the environment add providers the file does not name.
/// </summary>
internal static class SettingsResolver
{
    public const string DefaultDataDirName = ".flowrouter";
    private static readonly string[] DefaultConfigNames = ["config.yaml", "config.yml", "config.json"];

    public static ServerSettings Resolve(ServeOptions cli, Func<string, string?> environment)
    {
        string dataDir = ResolveDataDir(cli.DataDir, environment);
        string? configPath = cli.ConfigPath ?? NonEmpty(environment("FLOWROUTER_CONFIG")) ?? FindDefaultConfig(dataDir);
        var config = configPath is null ? new FlowRouterConfig() : ConfigLoader.Load(configPath, environment);

        var server = config.Server;
        string? host = cli.Host ?? NonEmpty(environment("FLOWROUTER_HOST"));
        int? port = cli.Port ?? ParsePort(environment("FLOWROUTER_PORT"));
        server = server with { Host = host ?? server.Host, Port = port ?? server.Port };

        var detected = ProviderPresets.DetectFromEnvironment(environment, config.Providers.Select(p => p.Id).ToArray());
        config = config with { Server = server, Providers = [.. config.Providers, .. detected] };
        return new ServerSettings(config, dataDir, ParseLogLevel(cli.LogLevel ?? NonEmpty(environment("FLOWROUTER_LOG_LEVEL")) ?? "information"));
    }

    /// <summary>--data-dir, else FLOWROUTER_DATA_DIR, else ~/.flowrouter (also for commands that read no config).</summary>
    public static string ResolveDataDir(string? flag, Func<string, string?> environment) =>
        Path.GetFullPath(flag ?? NonEmpty(environment("FLOWROUTER_DATA_DIR")) ?? DefaultDataDir(environment));

    public static LogLevel ParseLogLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "information" or "info" => LogLevel.Information,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => throw new ConfigException($"--log-level: unknown level '{text}' (expected trace, debug, information, warning, error, critical or none)"),
    };

    private static int? ParsePort(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535
            ? port
            : throw new ConfigException($"FLOWROUTER_PORT: expected a port number from 0 to 65535, got '{text}'");
    }

    private static string DefaultDataDir(Func<string, string?> environment)
    {
        string home = NonEmpty(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, DefaultDataDirName);
    }

    private static string? FindDefaultConfig(string dataDir) =>
        DefaultConfigNames.Select(name => Path.Combine(dataDir, name)).FirstOrDefault(File.Exists);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
