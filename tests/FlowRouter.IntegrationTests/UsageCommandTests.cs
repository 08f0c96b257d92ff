using FlowRouter.Cli;
using FlowRouter.Storage;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.IntegrationTests;

/// <summary>`flowrouter usage`: the request log summed into a readable table; clear errors and exit codes.</summary>
public sealed class UsageCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowrouter-usage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRunner.RunAsync(args);

    [Fact]
    public async Task Usage_ByProviderAndByKey_SumsTheLastPeriod()
    {
        using (var store = SqliteStore.Open(_dir, TimeProvider.System))
        {
            await using var log = new RequestLogWriter(store);
            var now = DateTimeOffset.UtcNow;
            log.Append(new RequestLogRow { Id = "a", StartedAt = now.AddMinutes(-5), KeyName = "laptop", Provider = "openai", UpstreamModel = "gpt-4o", Status = 200, Attempts = 1, LatencyMs = 100, InputTokens = 1000, OutputTokens = 200, CostUsd = 0.0045m });
            log.Append(new RequestLogRow { Id = "b", StartedAt = now.AddMinutes(-4), KeyName = "laptop", Provider = "openai", UpstreamModel = "gpt-4o", Status = 429, Attempts = 1, LatencyMs = 20 });
            log.Append(new RequestLogRow { Id = "c", StartedAt = now.AddMinutes(-3), KeyName = "ci", Provider = "claude", UpstreamModel = "claude-sonnet-4-5", Status = 200, Attempts = 2, LatencyMs = 300, InputTokens = 500, OutputTokens = 50, CostUsd = 0.00225m });
            log.Append(new RequestLogRow { Id = "old", StartedAt = now.AddDays(-30), KeyName = "ci", Provider = "claude", Status = 200, Attempts = 1, LatencyMs = 1, InputTokens = 999_999 });
            await log.FlushAsync();
        }

        var (exit, output, _) = await Run("usage", "--data-dir", _dir);
        Assert.Equal(0, exit);
        var openai = output.Split('\n').Single(l => l.StartsWith("openai", StringComparison.Ordinal));
        Assert.Contains("1,000", openai, StringComparison.Ordinal);
        Assert.Contains("$0.0045", openai, StringComparison.Ordinal);
        Assert.Matches(@"openai\s+2\s+1\s", openai);
        Assert.DoesNotContain("999,999", output, StringComparison.Ordinal); // older than 7 days

        var (byKeyExit, byKey, _) = await Run("usage", "--by", "key", "--since", "1h", "--data-dir", _dir);
        Assert.Equal(0, byKeyExit);
        Assert.Contains("laptop", byKey, StringComparison.Ordinal);
        Assert.Contains("ci", byKey, StringComparison.Ordinal);
        Assert.Contains("$0.0068", byKey, StringComparison.Ordinal); // the total
    }

    [Theory]
    [InlineData("--since", "forever", "not a period")]
    [InlineData("--by", "color", "not one of provider, model, key")]
    public async Task Usage_BadFlag_UsageExitCodeAndWhy(string flag, string value, string expected)
    {
        var (exit, _, error) = await Run("usage", flag, value, "--data-dir", _dir);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_NoStore_FailureNamingThePath()
    {
        var (exit, _, error) = await Run("usage", "--data-dir", Path.Combine(_dir, "missing"));
        Assert.Equal(1, exit);
        Assert.Contains("missing", error, StringComparison.Ordinal);
    }
}
