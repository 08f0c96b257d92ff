using FlowRouter.Cli;
using FlowRouter.Configuration;
using FlowRouter.Hosting;

namespace FlowRouter.IntegrationTests;

/// <summary>The command line as a user meets it: help, version, config check, and one-line errors with exit code 2.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Exit, string Out, string Err)> Run(string[] args, Func<string, string?>? env = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await CliApp.RunAsync(args, stdout, stderr, env ?? (_ => null));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Version_PrintsVersionAndExitsZero()
    {
        var (exit, output, _) = await Run(["--version"]);
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task Help_ListsEveryFlagAndCommand()
    {
        var (exit, output, _) = await Run(["--help"]);
        Assert.Equal(0, exit);
        foreach (string flag in new[] { "--config", "--host", "--port", "--data-dir", "--log-level", "serve", "config" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port", "notanumber")]
    [InlineData("--port", "70000")]
    [InlineData("--log-level", "loud")]
    public async Task BadFlag_OneLineErrorAndExitCode2(params string[] args)
    {
        var (exit, output, error) = await Run(args);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("flowrouter: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_ValidFile_PrintsResolvedConfigWithSecretsMasked()
    {
        string path = Write("ok.yaml", """
            providers:
              - id: openai
                api_keys: ["${MY_KEY}", sk-second-key-abcdefghijklmn]
                models: [gpt-4.1-mini, gpt-4.1]
              - id: local
                type: openai
                base_url: http://127.0.0.1:11434/v1
            combos:
              - name: coding
                targets: [openai/gpt-4.1, local/qwen3]
            keys:
              - name: laptop
                key: flr_0123456789abcdef0123
            """);
        var (exit, output, error) = await Run(["config", "check", "--config", path], name => name == "MY_KEY" ? "sk-from-env-secret-9999" : null);
        Assert.True(exit == 0, error);
        Assert.Contains("openai: type=openai base_url=https://api.openai.com/v1 keys=[****9999, ****klmn]", output, StringComparison.Ordinal);
        Assert.Contains("models: gpt-4.1-mini, gpt-4.1", output, StringComparison.Ordinal);
        Assert.Contains("coding: priority: openai/gpt-4.1 -> local/qwen3", output, StringComparison.Ordinal);
        Assert.Contains("client keys (1): laptop", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-from-env-secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("flr_0123456789abcdef0123", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("providers:\n  - id: a\n    type: nope\n    base_url: http://x/v1\n", "3:11: providers[0].type: unknown type 'nope'")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\n    api_kye: k\n", "5:5: providers[0].api_kye: unknown key")]
    [InlineData("server:\n  port: 99999\n", "2:9: server.port: expected a whole number from 1 to 65535")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c1\n    targets: [c2]\n  - name: c2\n    targets: [c1]\n", "combos[0]: combo cycle: c1 -> c2 -> c1")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c\n    targets: [b/m]\n", "combos[0].targets[0]: unknown provider 'b'")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\n    api_key: ${MISSING_VAR}\n", "providers[0].api_key: environment variable MISSING_VAR is not set")]
    [InlineData("providers: [\n", "not valid YAML or JSON")]
    public async Task ConfigCheck_BadFile_OneLineNamingFilePathAndProblem(string yaml, string expected)
    {
        string path = Write("bad.yaml", yaml);
        var (exit, _, error) = await Run(["config", "check", "--config", path]);
        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadConfig_ExitCode2AndNothingStarted()
    {
        string path = Write("bad.yaml", "server:\n  require_key: maybe\n");
        string dataDir = Path.Combine(_dir, "data");
        var (exit, output, error) = await Run(["serve", "--config", path, "--data-dir", dataDir]);
        Assert.Equal(2, exit);
        Assert.Contains("server.require_key: expected true or false", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public void ConfigLoader_JsonFile_IsReadLikeYaml()
    {
        var config = ConfigLoader.Parse("""
            {
            	"server": {"port": 3000, "require_key": true},
            	"providers": [{"id": "groq", "api_keys": ["gsk-1234567890abcdef"], "models": ["llama-3.3-70b"]}],
            	"combos": [{"name": "fast", "strategy": "priority", "targets": ["groq/llama-3.3-70b"]}]
            }
            """, "config.json", _ => null);
        Assert.Equal(3000, config.Server.Port);
        Assert.True(config.KeysRequired);
        var groq = Assert.Single(config.Providers);
        Assert.Equal("https://api.groq.com/openai/v1", groq.BaseUrl);
        Assert.Equal("fast", Assert.Single(config.Combos).Name);
    }

    [Fact]
    public void Settings_Precedence_FlagOverEnvironmentOverFileOverDefault()
    {
        string path = Write("c.yaml", "server: { host: 127.0.0.2, port: 3001 }\n");
        var env = new Dictionary<string, string> { ["FLOWROUTER_CONFIG"] = path, ["FLOWROUTER_PORT"] = "3002", ["HOME"] = _dir, ["DEEPSEEK_API_KEY"] = "sk-deepseek-0000000000" };
        var fromEnv = SettingsResolver.Resolve(new ServeOptions(), name => env.GetValueOrDefault(name));
        Assert.Equal("127.0.0.2", fromEnv.Host);
        Assert.Equal(3002, fromEnv.Port);
        Assert.Equal(Path.Combine(_dir, ".flowrouter"), fromEnv.DataDir);
        var deepseek = Assert.Single(fromEnv.Config.Providers);
        Assert.Equal(("deepseek", "https://api.deepseek.com/v1", "env:DEEPSEEK_API_KEY"), (deepseek.Id, deepseek.BaseUrl, deepseek.Origin));

        var fromFlags = SettingsResolver.Resolve(new ServeOptions(Port: 3003, Host: "127.0.0.3"), name => env.GetValueOrDefault(name));
        Assert.Equal(("127.0.0.3", 3003), (fromFlags.Host, fromFlags.Port));
    }

    [Fact]
    public void Settings_ConfigNamesProvider_EnvironmentDoesNotAddItAgain()
    {
        string path = Write("c.yaml", "providers:\n  - id: openai\n    api_key: sk-from-file-0000000000\n");
        var settings = SettingsResolver.Resolve(new ServeOptions(ConfigPath: path), name => name == "OPENAI_API_KEY" ? "sk-from-env-000000000" : null);
        var openai = Assert.Single(settings.Config.Providers);
        Assert.Equal("sk-from-file-0000000000", Assert.Single(openai.ApiKeys));
    }
}
