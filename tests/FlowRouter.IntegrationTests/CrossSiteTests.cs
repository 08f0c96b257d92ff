using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// What a web page in the user's browser can make the browser send to 127.0.0.1: cross-site form posts and fetches
/// (a foreign Origin or Referer, text/plain bodies) and DNS-rebinding requests (a foreign Host). None may read or
/// change the admin API or use the gateway, with or without an admin login; the dashboard's own requests still work.
/// </summary>
public sealed class CrossSiteTests
{
    private const string NewProvider = """{"id":"evil","type":"openai","base_url":"http://127.0.0.1:9/v1","api_key":"sk-evil-000000000000"}""";

    private static HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string contentType = "application/json",
        string? origin = null, string? referer = null, string? host = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return request;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
        }
    }

    private static string CodeOf(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;

    [Theory]
    [InlineData("text/plain", "http://evil.example", null)]
    [InlineData("application/x-www-form-urlencoded", "http://evil.example", null)]
    [InlineData("application/json", "http://evil.example", null)]
    [InlineData("application/json", "null", null)]
    [InlineData("application/json", null, "http://evil.example/page.html")]
    [InlineData("application/json", "http://localhost:3000", null)]
    public async Task CrossSitePost_ToTheAdminApi_Is403AndChangesNothing(string contentType, string? origin, string? referer)
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var (status, body) = await SendAsync(http, Request(HttpMethod.Post, "api/providers", NewProvider, contentType, origin, referer));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("cross_site_request", CodeOf(body));
        Assert.DoesNotContain(harness.Server.Gateway.Config.Providers, p => p.Id == "evil");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task NonJsonChange_WithoutAnyOrigin_Is403(string contentType)
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var (status, body) = await SendAsync(http, Request(HttpMethod.Post, "api/providers", NewProvider, contentType));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("json_content_type_required", CodeOf(body));
        Assert.DoesNotContain(harness.Server.Gateway.Config.Providers, p => p.Id == "evil");
        var (backup, _) = await SendAsync(http, Request(HttpMethod.Post, "api/backups"));
        Assert.Equal(HttpStatusCode.Forbidden, backup);
    }

    [Fact]
    public async Task SameOriginJsonPost_AsTheDashboardSendsIt_IsServed()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();
        string own = harness.BaseUri.GetLeftPart(UriPartial.Authority);

        var (created, _) = await SendAsync(http, Request(HttpMethod.Post, "api/providers", NewProvider, origin: own, referer: own + "/#/providers"));
        var (deleted, _) = await SendAsync(http, Request(HttpMethod.Delete, "api/providers/evil", "", origin: own));

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, deleted);
    }

    [Fact]
    public async Task CrossSitePost_WithALoggedInSession_IsStill403()
    {
        await using var harness = await RouterHarness.StartAsync(AdminLoginTests.WithConfigPassword());
        using var admin = new AdminHttp(harness.BaseUri);
        var (session, csrf, _) = await admin.LoginAsync($$"""{"password":"{{AdminLoginTests.Password}}"}""");
        using var http = harness.Http();

        var request = Request(HttpMethod.Post, "api/providers", NewProvider, "text/plain", origin: "https://evil.example");
        request.Headers.Add("Cookie", "flowrouter_session=" + session);
        request.Headers.Add("X-CSRF-Token", csrf);
        var (status, body) = await SendAsync(http, request);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("cross_site_request", CodeOf(body));
        Assert.DoesNotContain(harness.Server.Gateway.Config.Providers, p => p.Id == "evil");
    }

    [Fact]
    public async Task CrossSitePost_ToTheGateway_IsRefusedBeforeAnyUpstreamCall()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var (status, body) = await SendAsync(http, Request(HttpMethod.Post, "v1/chat/completions",
            """{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", "text/plain", origin: "http://evil.example"));
        var (anthropic, anthropicBody) = await SendAsync(http, Request(HttpMethod.Post, "v1/messages",
            """{"model":"fake/gpt-4o-mini","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", origin: "http://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("cross_site_request", CodeOf(body));
        Assert.Equal(HttpStatusCode.Forbidden, anthropic);
        Assert.Equal("error", anthropicBody.GetProperty("type").GetString()); // Anthropic's own error shape
        Assert.Empty(harness.Upstream.Received);
    }

    [Theory]
    [InlineData("GET", "api/providers")]
    [InlineData("GET", "api/requests")]
    [InlineData("GET", "/")]
    [InlineData("GET", "v1/models")]
    [InlineData("PATCH", "api/settings")]
    public async Task ForeignHost_AsADnsRebindingPageSendsIt_Is403OnEveryRoute(string method, string path)
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var (status, body) = await SendAsync(http, Request(new HttpMethod(method), path, method == "GET" ? null : "{}",
            host: "evil.example:" + harness.BaseUri.Port));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("host_not_allowed", CodeOf(body));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("LOCALHOST.")]
    public async Task LoopbackHosts_AreServed(string host)
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var (status, _) = await SendAsync(http, Request(HttpMethod.Get, "api/providers", host: host + ":" + harness.BaseUri.Port));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AllowedHosts_LetsAReverseProxyNameThrough_AndItsOrigin()
    {
        await using var harness = await RouterHarness.StartAsync(RouterHarness.SingleProviderConfig("server:\n  allowed_hosts: [gateway.internal.example]\n"));
        using var http = harness.Http();

        var (read, _) = await SendAsync(http, Request(HttpMethod.Get, "api/providers", host: "gateway.internal.example"));
        var (created, _) = await SendAsync(http, Request(HttpMethod.Post, "api/providers", NewProvider,
            origin: "https://gateway.internal.example", host: "127.0.0.1:" + harness.BaseUri.Port));
        var (other, _) = await SendAsync(http, Request(HttpMethod.Get, "api/providers", host: "evil.example"));

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.Forbidden, other);
    }

    [Fact]
    public async Task ForeignHost_InTheGeminiApi_IsAnsweredInGeminiShape()
    {
        await using var harness = await RouterHarness.StartAsync();
        using var http = harness.Http();

        var (status, body) = await SendAsync(http, Request(HttpMethod.Post, "v1beta/models/fake/gpt-4o-mini:generateContent",
            """{"contents":[{"parts":[{"text":"hi"}]}]}""", host: "evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("PERMISSION_DENIED", body.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ChangingBaseUrl_WithoutGivingTheKeyAgain_DropsTheStoredKey()
    {
        await using var harness = await RouterHarness.StartAsync(secondUpstream: true);
        using var admin = new AdminHttp(harness.BaseUri);
        const string Secret = "sk-stored-secret-0123456789abcdef";
        var created = await admin.SendAsync(HttpMethod.Post, "api/providers",
            $$"""{"id":"mine","type":"openai","base_url":"{{harness.Upstream.BaseUrl}}","api_key":"{{Secret}}","models":["gpt-4o-mini"]}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);

        // A rename of nothing but the model list keeps the key.
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Patch, "api/providers/mine", """{"models":["gpt-4o-mini","gpt-4o"]}""")).Status);
        Assert.Equal(Secret, harness.Server.Gateway.Config.Providers.Single(p => p.Id == "mine").ApiKeys.Single());

        // Moving it elsewhere without the key: the key stays behind, and the new server never sees it.
        var moved = await admin.SendAsync(HttpMethod.Patch, "api/providers/mine", $$"""{"base_url":"{{harness.Upstream2!.BaseUrl}}"}""");
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Empty(harness.Server.Gateway.Config.Providers.Single(p => p.Id == "mine").ApiKeys);
        await harness.Chat("mine/gpt-4o-mini").CompleteChatAsync([new OpenAI.Chat.UserChatMessage("hi")]);
        var received = Assert.Single(harness.Upstream2.Received);
        Assert.DoesNotContain(Secret, string.Join("\n", received.Headers.Values), StringComparison.Ordinal);

        // Moving it with the key given in the same call keeps that key.
        var withKey = await admin.SendAsync(HttpMethod.Patch, "api/providers/mine", $$"""{"base_url":"{{harness.Upstream.BaseUrl}}","api_key":"{{Secret}}"}""");
        Assert.Equal(HttpStatusCode.OK, withKey.Status);
        Assert.Equal(Secret, harness.Server.Gateway.Config.Providers.Single(p => p.Id == "mine").ApiKeys.Single());

        // A type change moves how the key is sent: it goes too.
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Patch, "api/providers/mine", """{"type":"anthropic"}""")).Status);
        Assert.Empty(harness.Server.Gateway.Config.Providers.Single(p => p.Id == "mine").ApiKeys);
    }
}
