using System.Net;
using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.IntegrationTests;

/// <summary>The admin surface: this machine only without an admin token, the token from anywhere with one, never a client key.</summary>
public sealed class AdminAccessTests
{
    private const string AdminToken = "admin-token-0123456789abcdef-xyz";

    [Fact]
    public async Task AdminToken_Set_ApiNeedsItAndClientKeysDoNotOpenIt()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig(
            $"keys: [{{ name: laptop, key: {RouterHarness.ClientKey} }}]\nserver: {{ admin_token: {AdminToken} }}"));
        using var http = harness.Http();

        using var anonymous = await http.GetAsync("api/quota");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var withClientKey = new HttpRequestMessage(HttpMethod.Get, "api/quota");
        withClientKey.Headers.Add("Authorization", "Bearer " + RouterHarness.ClientKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(withClientKey)).StatusCode);

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "api/quota");
        withToken.Headers.Add("Authorization", "Bearer " + AdminToken);
        using var allowed = await http.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain(AdminToken, harness.Logs.Lines.Aggregate("", (a, b) => a + b), StringComparison.Ordinal);
    }

    [Fact]
    public void NoToken_CallerFromAnotherMachine_Is403AndLoopbackPasses()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "flowrouter-tests", Guid.NewGuid().ToString("N"));
        using var store = FlowRouter.Storage.Sqlite.SqliteStore.Open(dataDir, TimeProvider.System);
        using var login = new FlowRouter.Hosting.Login.AdminLogin(new ServerConfig(), store, TimeProvider.System);
        var access = new AdminAccess(login);
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        Assert.Equal(403, access.Check(remote)!.Status);
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.Loopback;
        Assert.Null(access.Check(local));
        Directory.Delete(dataDir, recursive: true);
    }

    [Theory]
    [InlineData("0.0.0.0", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("localhost", false)]
    public void Binding_NonLoopbackWithoutToken_IsRefusedWithTheFix(string host, bool refused)
    {
        var check = () => AdminAccess.CheckBinding(new ServerConfig(), host);
        if (refused)
        {
            var error = Assert.Throws<FlowRouter.Configuration.ConfigException>(check);
            Assert.Contains("server.admin_token", error.Message, StringComparison.Ordinal);
        }
        else
        {
            check();
        }
        AdminAccess.CheckBinding(new ServerConfig { AdminTokenSha256 = new byte[32] }, host); // a token makes any address fine
    }
}
