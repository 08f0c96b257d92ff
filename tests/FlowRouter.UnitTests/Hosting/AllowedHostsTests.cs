using FlowRouter.Core.Config;
using FlowRouter.Hosting;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.UnitTests.Hosting;

public sealed class AllowedHostsTests
{
    private static AllowedHosts Loopback(params string[] names) => new(new ServerConfig { AllowedHosts = names }, "127.0.0.1");

    [Theory]
    [InlineData("127.0.0.1:2402", true)]
    [InlineData("localhost:2402", true)]
    [InlineData("LocalHost.", true)]
    [InlineData("[::1]:2402", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("evil.example:2402", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("10.1.2.3:2402", false)]
    public void IsAllowed_LoopbackServer(string host, bool allowed) =>
        Assert.Equal(allowed, Loopback().IsAllowed(new HostString(host)));

    [Fact]
    public void IsAllowed_EveryInterface_AnyAddressButNoForeignName()
    {
        var hosts = new AllowedHosts(new ServerConfig(), "0.0.0.0");

        Assert.True(hosts.IsAllowed(new HostString("10.1.2.3:2402")));
        Assert.False(hosts.IsAllowed(new HostString("rebind.evil.example:2402")));
    }

    [Fact]
    public void IsAllowed_ConfiguredName()
    {
        Assert.True(Loopback("gateway.corp.example").IsAllowed(new HostString("Gateway.Corp.Example:443")));
        Assert.False(Loopback("gateway.corp.example").IsAllowed(new HostString("corp.example")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:2402", "127.0.0.1:2402", true)]
    [InlineData("http://localhost:2402", "localhost:2402", true)]
    [InlineData("http://localhost:3000", "localhost:2402", false)]
    [InlineData("http://evil.example", "127.0.0.1:2402", false)]
    [InlineData("null", "127.0.0.1:2402", false)]
    [InlineData("file:///etc/passwd", "127.0.0.1:2402", false)]
    [InlineData("https://gateway.corp.example", "127.0.0.1:2402", true)]
    public void IsOwnOrigin(string origin, string host, bool own) =>
        Assert.Equal(own, Loopback("gateway.corp.example").IsOwnOrigin(origin, new HostString(host)));
}
