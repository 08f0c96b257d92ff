using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Providers.Http;

namespace FlowRouter.Cli;

/// <summary>`flowrouter config check --config FILE`: validate, then print what the server would run with, secrets masked.</summary>
internal static class ConfigCheckCommand
{
    public static int Run(string? configPath, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        configPath ??= environment("FLOWROUTER_CONFIG");
        if (string.IsNullOrWhiteSpace(configPath))
        {
            stderr.WriteLine("flowrouter: config check: give the file with --config FILE (or FLOWROUTER_CONFIG)");
            return CliApp.ExitUsage;
        }
        FlowRouterConfig config;
        try
        {
            config = SettingsResolver.Resolve(new ServeOptions(ConfigPath: configPath), environment).Config;
        }
        catch (ConfigException ex)
        {
            stderr.WriteLine("flowrouter: " + ex.Message);
            return CliApp.ExitUsage;
        }
        Print(stdout, config);
        return CliApp.ExitOk;
    }

    private static void Print(TextWriter output, FlowRouterConfig config)
    {
        var server = config.Server;
        output.WriteLine($"{config.SourcePath}: valid");
        output.WriteLine($"server: http://{server.Host}:{server.Port}  require_key={(server.RequireKey ? "true" : "false")}  max_body_mb={server.MaxBodyMb}  max_image_mb={server.MaxImageMb}");
        var login = new List<string>();
        if (server.AdminPasswordHash is not null)
        {
            login.Add("password (server.admin_password_hash)");
        }
        if (server.AdminTokenSha256 is not null)
        {
            login.Add("admin token");
        }
        if (server.Oidc is { } oidc)
        {
            login.Add($"oidc ({oidc.Authority}, {oidc.AllowedEmails.Count + oidc.AllowedSubjects.Count} allowed)");
        }
        output.WriteLine($"admin login: {(login.Count > 0 ? string.Join(", ", login) : "none in the file (a password stored with 'flowrouter admin password' also counts); else this machine only")}");
        output.WriteLine($"providers ({config.Providers.Count}):");
        foreach (var p in config.Providers)
        {
            string keys = p.ApiKeys.Count == 0 ? "none" : string.Join(", ", p.ApiKeys.Select(SecretMasker.MaskValue));
            string models = p.Models is { } list ? string.Join(", ", list) : "(discovered from the provider at start)";
            output.WriteLine($"  {p.Id}: type={p.Type.ToConfigName()} base_url={p.BaseUrl} keys=[{keys}] enabled={(p.Enabled ? "true" : "false")} from={p.Origin}");
            output.WriteLine($"    models: {models}");
            foreach (var header in p.Headers)
            {
                output.WriteLine($"    header {header.Key}: {SecretMasker.MaskValue(header.Value)}");
            }
        }
        output.WriteLine($"combos ({config.Combos.Count}):");
        foreach (var c in config.Combos)
        {
            output.WriteLine($"  {c.Name}: {c.Strategy}: {string.Join(" -> ", c.Targets)}");
        }
        output.WriteLine($"client keys ({config.Keys.Count}): {string.Join(", ", config.Keys.Select(k => k.Name))}");
    }
}
