using FlowRouter.Cli;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>`flowrouter providers list|test`: masked keys, a real model-list call to a 127.0.0.1 fake, exact errors.</summary>
public sealed class ProvidersCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-providers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync(args);

    private string Config(string baseUrl)
    {
        string path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, $$"""
            providers:
              - { id: fake, type: openai, base_url: "{{baseUrl}}", api_key: sk-providers-cli-secret-12345678 }
            """);
        return path;
    }

    [Fact]
    public async Task List_ShowsProvidersWithMaskedKeys()
    {
        var (exit, output, _) = await Run("providers", "list", "--data-dir", _dir, "--config", Config("http://127.0.0.1:9/v1"));
        Assert.Equal(0, exit);
        Assert.Contains("fake", output, StringComparison.Ordinal);
        Assert.Contains("5678", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-providers-cli-secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_ReachableProvider_ListsItsModels()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Models = ["model-a", "model-b"];
        var (exit, output, _) = await Run("providers", "test", "fake", "--data-dir", _dir, "--config", Config(upstream.BaseUrl));
        Assert.Equal(0, exit);
        Assert.Contains("ok, 2 models: model-a, model-b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UnreachableOrUnknown_ExactErrorAndExitCode()
    {
        var (exit, _, error) = await Run("providers", "test", "fake", "--data-dir", _dir, "--config", Config("http://127.0.0.1:9/v1"));
        Assert.Equal(1, exit);
        Assert.Contains("fake:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-providers-cli-secret", error, StringComparison.Ordinal);

        var (unknownExit, _, unknown) = await Run("providers", "test", "nope", "--data-dir", _dir, "--config", Config("http://127.0.0.1:9/v1"));
        Assert.Equal(2, unknownExit);
        Assert.Contains("no provider 'nope'", unknown, StringComparison.Ordinal);
    }
}
