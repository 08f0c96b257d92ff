using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Providers.Presets;

namespace FlowRouter.Cli;

/// <summary>What the console says at start: where to point clients, what is routed, and how to add a provider.</summary>
internal static class StartupBanner
{
    public static void Write(TextWriter output, ServerSettings settings, FlowRouterServer server)
    {
        var config = settings.Config;
        output.WriteLine($"FlowRouter {VersionInfo.Text} listening on {server.Address.ToString().TrimEnd('/')}  (OpenAI base URL: {server.Address}v1)");
        output.WriteLine($"  data: {settings.DataDir}   config: {config.SourcePath ?? "(none: defaults and environment)"}");
        if (config.Providers.Count == 0)
        {
            WriteHowToAddProvider(output, settings.DataDir);
        }
        else
        {
            foreach (var provider in config.Providers)
            {
                string models = provider.Models is { } list ? $"{list.Count} models" : "models discovered from the provider";
                output.WriteLine($"  provider {provider.Id} ({provider.Type.ToConfigName()}, {provider.Origin}{(provider.Enabled ? "" : ", disabled")}): {provider.BaseUrl}, {models}");
            }
        }
        foreach (var combo in config.Combos)
        {
            output.WriteLine($"  combo {combo.Name} ({combo.Strategy}): {string.Join(" -> ", combo.Targets)}");
        }
        var admin = server.Gateway.Admin.Login;
        var methods = admin.Methods(admin.Password.Current().Hash);
        output.WriteLine(methods.Count > 0
            ? $"  admin API: login required ({string.Join(", ", methods)}), this machine included"
            : "  admin API: this machine only, no login (set one up with 'flowrouter admin password')");
        if (config.KeysRequired)
        {
            output.WriteLine($"  client keys required ({config.Keys.Count} configured): send 'Authorization: Bearer <key>'");
        }
        else if (settings.Host is not ("127.0.0.1" or "localhost" or "::1"))
        {
            output.WriteLine($"  warning: listening on {settings.Host} with no client keys: anyone who can reach this port can use your providers. Add keys: or server.require_key.");
        }
        output.Flush();
    }

    private static void WriteHowToAddProvider(TextWriter output, string dataDir)
    {
        var variables = ProviderPresets.All.SelectMany(p => p.KeyEnvVars);
        output.WriteLine("  No provider configured yet. Add one either way, then restart:");
        output.WriteLine($"    - set a key in the environment: {string.Join(", ", variables)}");
        output.WriteLine($"      e.g.  OPENAI_API_KEY=sk-... flowrouter");
        output.WriteLine($"    - or write {Path.Combine(dataDir, "config.yaml")} (or pass --config FILE):");
        output.WriteLine("        providers:");
        output.WriteLine("          - id: openai");
        output.WriteLine("            type: openai");
        output.WriteLine("            base_url: https://api.openai.com/v1");
        output.WriteLine("            api_keys: [\"${OPENAI_API_KEY}\"]");
        output.WriteLine("  See README.md for every option.");
    }
}
