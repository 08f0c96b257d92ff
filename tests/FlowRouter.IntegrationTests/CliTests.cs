using FlowRouter.Cli;
using FlowRouter.Configuration;
using FlowRouter.Hosting;

namespace FlowRouter.IntegrationTests;

/// <summary>The command line as a user meets it: help, version, config check, and one-line errors with exit code 2.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(string[] args, Func<string, string?>? env = null) => CliRunner.RunAsync(args, env);

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
    [InlineData("server:\n  max_image_mb: 0\n", "2:17: server.max_image_mb: expected a whole number from 1 to 1024")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c1\n    targets: [c2]\n  - name: c2\n    targets: [c1]\n", "combos[0]: combo cycle: c1 -> c2 -> c1")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c\n    targets: [b/m]\n", "combos[0].targets[0]: unknown provider 'b'")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\n    api_key: ${MISSING_VAR}\n", "providers[0].api_key: environment variable MISSING_VAR is not set")]
    [InlineData("providers: [\n", "not valid YAML or JSON")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c\n    strategy: fastest\n    targets: [a/m]\n", "combos[0].strategy: unknown strategy 'fastest' (expected priority | round-robin | weighted | random | cost-optimal | least-latency)")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c\n    strategy: weighted\n    targets: [{model: a/m, weight: lots}]\n", "combos[0].targets[0].weight: expected a whole number")]
    [InlineData("providers:\n  - id: a\n    type: openai\n    base_url: http://x/v1\ncombos:\n  - name: c\n    hedge_after: soon\n    targets: [a/m]\n", "combos[0].hedge_after: expected p95 or a delay such as 800ms")]
    [InlineData("routing:\n  failure_rules:\n    - name: r\n      status: 429\n      action: retry-forever\n", "routing.failure_rules[0].action: unknown action 'retry-forever'")]
    [InlineData("routing:\n  failure_rules:\n    - name: r\n      action: next-target\n", "routing.failure_rules[0]: a rule needs at least one of status, no_answer or text")]
    [InlineData("routing:\n  tiers: {simple: nope, medium: nope, complex: nope}\n", "tiers: 'nope' is neither a combo name nor a provider/model address")]
    [InlineData("server:\n  admin_token: short\n", "server.admin_token: an admin token must be at least 24 characters long")]
    [InlineData("server:\n  admin_token_sha256: abc\n", "server.admin_token_sha256: expected 64 hex digits")]
    [InlineData("keys:\n  - { name: k, key: flr_0123456789abcdef, expires: someday }\n", "keys[0].expires: expected a date or date-time")]
    [InlineData("keys:\n  - { name: k, key: flr_0123456789abcdef, rpm: 0 }\n", "keys[0].rpm: expected a whole number from 1")]
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
    public void Parse_CombosAndRouting_AllSettingsRead()
    {
        var config = FlowRouter.Configuration.ConfigLoader.Parse("""
            providers:
              - { id: a, type: openai, base_url: "http://x/v1" }
            combos:
              - name: mix
                strategy: weighted
                targets: [{model: a/m1, weight: 3}, a/m2]
                hedge_after_ms: 750
                timeouts: { first_byte_seconds: 20 }
              - name: fast
                strategy: least-latency
                hedge_after: p95
                targets: [mix, a/m3]
            routing:
              panic_mode: false
              failure_rules:
                - { name: teapot, status: [418], action: next-key, cooldown: fixed, seconds: 30, scope: key }
              tiers: { alias: auto, simple: a/m1, medium: mix, complex: fast }
            """, "t.yaml", _ => null);
        var mix = config.Combos[0];
        Assert.Equal(["a/m1", "a/m2"], mix.Targets);
        Assert.Equal([3, 1], mix.Weights!);
        Assert.Equal(TimeSpan.FromMilliseconds(750), mix.HedgeAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), mix.Timeouts!.FirstByte);
        Assert.True(config.Combos[1].HedgeAtP95);
        Assert.False(config.Routing.PanicMode);
        var rule = Assert.Single(config.Routing.FailureRules);
        Assert.Equal(("teapot", "next-key", "fixed", "key", TimeSpan.FromSeconds(30)), (rule.Name, rule.Action, rule.Cooldown, rule.Scope, rule.Duration));
        Assert.Equal(new FlowRouter.Core.Config.TiersConfig("auto", "a/m1", "mix", "fast"), config.Routing.Tiers);
    }

    [Fact]
    public void Parse_ServerMaxImageMb_ReadWithDefaultTwenty()
    {
        var defaults = ConfigLoader.Parse("server: { port: 3000 }\n", "d.yaml", _ => null);
        var set = ConfigLoader.Parse("server: { max_image_mb: 5, max_body_mb: 64 }\n", "s.yaml", _ => null);

        Assert.Equal(20, defaults.Server.MaxImageMb);
        Assert.Equal(20L * 1024 * 1024, defaults.Server.MaxImageBytes);
        Assert.Equal(FlowRouter.Providers.Images.ImageFetcher.DefaultMaxBytes, defaults.Server.MaxImageBytes);
        Assert.Equal((5, 5L * 1024 * 1024, 64), (set.Server.MaxImageMb, set.Server.MaxImageBytes, set.Server.MaxBodyMb));
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
