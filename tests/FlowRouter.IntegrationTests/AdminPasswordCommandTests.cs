using System.Net;
using FlowRouter.Cli;
using FlowRouter.Configuration;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using FlowRouter.Hosting.Login;
using Microsoft.Extensions.Logging;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// `flowrouter admin password` and what it enables: a stored password that login accepts, and a start on a
/// non-loopback address, which is refused (saying how to fix it) while no login is set up.
/// </summary>
public sealed class AdminPasswordCommandTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "flowrouter-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        int exit = await CliApp.RunAsync(["admin", "password", "--data-dir", _dataDir, .. args], stdout, stderr, _ => null, input);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task AdminPassword_BeforeTheFirstStart_SetsAHashThatLoginAccepts()
    {
        var (exit, output, _) = await RunAsync(AdminLoginTests.Password + "\n");
        Assert.Equal(0, exit);
        Assert.Contains("argon2id m=19456,t=2,p=1", output, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminLoginTests.Password, output, StringComparison.Ordinal);

        await using var harness = await RouterHarness.StartAsync(dataDir: _dataDir);
        using var admin = new AdminHttp(harness.BaseUri);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage")).Status);
        var (session, _, _) = await admin.LoginAsync($$"""{"password":"{{AdminLoginTests.Password}}"}""");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage", session)).Status);
    }

    [Fact]
    public async Task AdminPassword_WhileTheServerRuns_CountsAtOnce_AndClearReopensLoopback()
    {
        await using var harness = await RouterHarness.StartAsync(dataDir: _dataDir);
        using var admin = new AdminHttp(harness.BaseUri);
        var (exit, output, _) = await RunAsync(AdminLoginTests.Password + "\n");
        Assert.Equal(0, exit);
        Assert.Contains("uses it from now on", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage")).Status);
        var (session, _, _) = await admin.LoginAsync($$"""{"password":"{{AdminLoginTests.Password}}"}""");

        (exit, _, _) = await RunAsync("a different password entirely\n");
        Assert.Equal(0, exit);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage", session)).Status); // opened with the old one

        (exit, output, _) = await RunAsync("", "--clear");
        Assert.Equal(0, exit);
        Assert.Contains("removed", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/usage")).Status);
    }

    [Theory]
    [InlineData("short\n")]
    [InlineData("\n")]
    [InlineData("")]
    public async Task AdminPassword_TooShortOrMissing_IsExit2AndStoresNothing(string stdin)
    {
        var (exit, _, error) = await RunAsync(stdin);
        Assert.Equal(2, exit);
        Assert.StartsWith("flowrouter: admin password: ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDir, "flowrouter.db")));
    }

    [Fact]
    public async Task Clear_NoStore_SaysSoAndCreatesNothing()
    {
        var (exit, output, _) = await RunAsync("", "--clear");
        Assert.Equal(0, exit);
        Assert.Contains("no admin password is stored", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDir));
    }

    [Fact]
    public async Task NonLoopbackStart_RefusedWithoutALogin_AllowedWithAStoredPassword()
    {
        var config = ConfigLoader.Parse("server: { host: 0.0.0.0 }", "test.yaml", _ => null);
        config = config with { Server = config.Server with { Port = 0 } };
        var settings = new ServerSettings(config, _dataDir, LogLevel.Warning);
        var hooks = new ServerHooks { DiscoverModels = false, ConsoleLogging = false };

        var refused = await Assert.ThrowsAsync<ConfigException>(() => FlowRouterServer.StartAsync(settings, hooks));
        Assert.Contains("'0.0.0.0' is reachable from other machines", refused.Message, StringComparison.Ordinal);
        Assert.Contains("flowrouter admin password", refused.Message, StringComparison.Ordinal);
        Assert.Contains("server.admin_token", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bind to 127.0.0.1", refused.Message, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(AdminLoginTests.Password + "\n")).Exit); // the refused start released the data dir
        await using var server = await FlowRouterServer.StartAsync(settings, hooks);
        using var admin = new AdminHttp(server.Address); // 0.0.0.0 is reported as 127.0.0.1: tests dial loopback only
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("api/usage")).Status);
        var (session, csrf, _) = await admin.LoginAsync($$"""{"password":"{{AdminLoginTests.Password}}"}""");
        var remove = await admin.SendAsync(HttpMethod.Delete, "api/settings/password", $$"""{"current_password":"{{AdminLoginTests.Password}}"}""", session, csrf);
        Assert.Equal(HttpStatusCode.Conflict, remove.Status); // the only login of a server reachable from the network
        Assert.Equal("last_login_method", remove.ErrorCode);
    }

    [Theory]
    [InlineData("0.0.0.0", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("::", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("localhost", false)]
    public void CheckBinding_AnyLoginMethod_MakesANonLoopbackAddressFine(string host, bool refusedWithoutLogin)
    {
        Assert.Equal(refusedWithoutLogin, Refused(new ServerConfig(), host, stored: false));
        Assert.False(Refused(new ServerConfig(), host, stored: true));
        Assert.False(Refused(new ServerConfig { AdminPasswordHash = AdminLoginTests.PasswordHash }, host, stored: false));
        Assert.False(Refused(new ServerConfig { AdminTokenSha256 = new byte[32] }, host, stored: false));
        Assert.False(Refused(new ServerConfig { Oidc = new OidcConfig("https://id.example", "flowrouter") { AllowedSubjects = ["me"] } }, host, stored: false));
    }

    private static bool Refused(ServerConfig server, string host, bool stored)
    {
        try
        {
            AdminAccess.CheckBinding(server, host, stored);
            return false;
        }
        catch (ConfigException)
        {
            return true;
        }
    }
}
