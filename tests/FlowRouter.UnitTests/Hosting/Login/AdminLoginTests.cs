using FlowRouter.Core.Config;
using FlowRouter.Hosting.Login;
using FlowRouter.Storage.Sqlite;

namespace FlowRouter.UnitTests.Hosting.Login;

public sealed class AdminLoginTests : IDisposable
{
    // A deliberately slow hash (64 MiB, 3 passes, one lane so one core) from the reference CLI, so checks pile up:
    //   echo -n "correct horse battery staple" | argon2 "somesaltsomesalt" -id -t 3 -k 65536 -p 1 -l 32 -e
    private const string SlowHash = "$argon2id$v=19$m=65536,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$/41WtOKOUuHm2dM8h+yIGmuoRz4TWXLcS1bQ4CfBgRo";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "flowrouter-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task VerifyPasswordAsync_MoreThanTheQueueHolds_AnswersBusyAtOnce()
    {
        using var store = SqliteStore.Open(_dataDir, TimeProvider.System);
        using var login = new AdminLogin(new ServerConfig(), store, TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var queued = Enumerable.Range(0, AdminLogin.MaxWaiting + 1)
            .Select(_ => login.VerifyPasswordAsync("wrong password", SlowHash, cancel.Token))
            .ToList();

        Assert.Null(await login.VerifyPasswordAsync("correct horse battery staple", SlowHash, CancellationToken.None));
        await cancel.CancelAsync();
        foreach (var check in queued)
        {
            try
            {
                Assert.False((await check)!.Value.Matches);
            }
            catch (OperationCanceledException)
            {
                // waited in the queue and was cancelled
            }
        }
        var after = await login.VerifyPasswordAsync("correct horse battery staple", SlowHash, CancellationToken.None);
        Assert.True(after!.Value.Matches); // the queue drained: checks run again
    }

    [Fact]
    public void TokenMatches_OnlyTheConfiguredToken()
    {
        using var store = SqliteStore.Open(_dataDir, TimeProvider.System);
        var token = "admin-token-0123456789abcdef-xyz";
        var config = new ServerConfig { AdminTokenSha256 = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)) };
        using var login = new AdminLogin(config, store, TimeProvider.System);
        Assert.True(login.TokenMatches(token));
        Assert.False(login.TokenMatches(token + "x"));
        Assert.False(login.TokenMatches(""));
        Assert.False(login.TokenMatches(null));
        using var none = new AdminLogin(new ServerConfig(), store, TimeProvider.System);
        Assert.False(none.TokenMatches(token));
        Assert.Empty(none.Methods(null));
        Assert.Equal(["password", "token"], login.Methods("$argon2id$…"));
    }
}
