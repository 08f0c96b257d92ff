using System.Net;
using System.Text;
using FlowRouter.Providers.Http;
using FlowRouter.Providers.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowRouter.UnitTests.Providers;

/// <summary>
/// The image fetcher's SSRF rules, without the network: the address table, URL checks, and the fetch loop over a
/// scripted handler (redirects, sizes, types) or a scripted resolver (names that resolve to forbidden addresses).
/// </summary>
public sealed class ImageFetcherTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::")]
    [InlineData("ff02::1")]
    public void IsForbidden_PrivateLoopbackLinkLocalOrMetadata_True(string address) =>
        Assert.True(ImageAddressPolicy.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("142.250.74.36")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2607:f8b0:4004:c07::64")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsForbidden_PublicAddress_False(string address) =>
        Assert.False(ImageAddressPolicy.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://localhost/cat.png")]
    [InlineData("http://LOCALHOST./cat.png")]
    [InlineData("http://app.localhost/cat.png")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://127.0.0.1:8080/cat.png")]
    [InlineData("http://[::1]/cat.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://2130706433/cat.png")] // 127.0.0.1 as one number
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/cat.png")]
    [InlineData("https://user:pass@example.com/cat.png")]
    public void CheckUri_ForbiddenHostOrScheme_Refused(string url) =>
        Assert.NotNull(ImageFetcher.CheckUri(new Uri(url), allowPrivate: false));

    [Fact]
    public void CheckUri_LoopbackWithAllowPrivate_Allowed() =>
        Assert.Null(ImageFetcher.CheckUri(new Uri("http://127.0.0.1:8080/cat.png"), allowPrivate: true));

    [Fact]
    public async Task FetchAsync_LoopbackLiteral_RefusedBeforeConnecting()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => throw new InvalidOperationException("must not be called")), null);
        var result = await fetcher.FetchAsync("http://127.0.0.1:9/cat.png", allowPrivate: false, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("127.0.0.1", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    public async Task FetchAsync_NameResolvingToForbiddenAddress_RefusedAtConnect(string resolved)
    {
        using var fetcher = new ImageFetcher(null, (_, _) => Task.FromResult(new[] { IPAddress.Parse(resolved) }));
        var result = await fetcher.FetchAsync("http://images.example.com:9/cat.png", allowPrivate: false, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("resolves to " + resolved, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_OneOfSeveralAddressesForbidden_Refused()
    {
        using var fetcher = new ImageFetcher(null, (_, _) => Task.FromResult(new[] { IPAddress.Parse("8.8.8.8"), IPAddress.Loopback }));
        var result = await fetcher.FetchAsync("http://images.example.com:9/cat.png", allowPrivate: false, CancellationToken.None);
        Assert.Contains("resolves to 127.0.0.1", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/latest")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost/admin")]
    [InlineData("file:///etc/passwd")]
    public async Task FetchAsync_RedirectToForbiddenTarget_Refused(string location)
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(request => request.RequestUri!.Host == "images.example.com"
            ? Redirect(location)
            : throw new InvalidOperationException("the redirect must not be followed")), null);
        var result = await fetcher.FetchAsync("https://images.example.com/cat.png", allowPrivate: false, CancellationToken.None);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task FetchAsync_ThreeRedirectsThenImage_Fetched()
    {
        int hops = 0;
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => ++hops <= 3 ? Redirect($"/hop{hops}") : Image(Png, "image/png")), null);
        var result = await fetcher.FetchAsync("https://images.example.com/cat.png", allowPrivate: false, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("image/png", result.MediaType);
        Assert.Equal(Png, result.Data);
    }

    [Fact]
    public async Task FetchAsync_FourRedirects_Refused()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(request => Redirect(request.RequestUri!.AbsolutePath + "x")), null);
        var result = await fetcher.FetchAsync("https://images.example.com/cat.png", allowPrivate: false, CancellationToken.None);
        Assert.Contains("redirects more than 3 times", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_DeclaredLengthOverCap_Refused()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => Image(new byte[2048], "image/png")), null, maxBytes: 1024);
        var result = await fetcher.FetchAsync("https://images.example.com/big.png", allowPrivate: false, CancellationToken.None);
        Assert.Contains("larger than", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_UndeclaredLengthOverCap_RefusedWhileReading()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[4096])) };
            response.Content.Headers.ContentType = new("image/png");
            return response;
        }), null, maxBytes: 1024);
        var result = await fetcher.FetchAsync("https://images.example.com/big.png", allowPrivate: false, CancellationToken.None);
        Assert.Contains("larger than", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task FetchAsync_NotAnImageType_Refused(string contentType)
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => Image(Encoding.UTF8.GetBytes("<html></html>"), contentType)), null);
        var result = await fetcher.FetchAsync("https://images.example.com/page", allowPrivate: false, CancellationToken.None);
        Assert.Contains("is not an image", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_OctetStreamWithPngBytes_TypeSniffed()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => Image(Png, "application/octet-stream")), null);
        var result = await fetcher.FetchAsync("https://images.example.com/cat", allowPrivate: false, CancellationToken.None);
        Assert.Equal("image/png", result.MediaType);
    }

    [Fact]
    public async Task FetchAsync_HttpError_ClearFailure()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)), null);
        var result = await fetcher.FetchAsync("https://images.example.com/missing.png", allowPrivate: false, CancellationToken.None);
        Assert.Contains("HTTP 404", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_GuardedAfterPrivateAllowedFetchOfSameHost_RefusedNotReusingThatConnection()
    {
        // A name resolving to 127.0.0.1 (the resolver hook), served by a real listener: the private-allowed fetch
        // leaves a pooled keep-alive connection behind, which a guarded fetch of the same host must not get.
        var app = TestKit.LoopbackApp.Create();
        app.MapGet("/cat.png", (RequestDelegate)(context =>
        {
            context.Response.ContentType = "image/png";
            return context.Response.Body.WriteAsync(Png).AsTask();
        }));
        int port = new Uri(await TestKit.LoopbackApp.StartAsync(app)).Port;
        await using (app)
        {
            using var fetcher = new ImageFetcher(null, (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
            string url = $"http://images.example.com:{port}/cat.png";

            var allowed = await fetcher.FetchAsync(url, allowPrivate: true, CancellationToken.None);
            var guarded = await fetcher.FetchAsync(url, allowPrivate: false, CancellationToken.None);
            var allowedAgain = await fetcher.FetchAsync(url, allowPrivate: true, CancellationToken.None);

            Assert.True(allowed.Succeeded, allowed.Error);
            Assert.False(guarded.Succeeded);
            Assert.Contains("resolves to 127.0.0.1", guarded.Error, StringComparison.Ordinal);
            Assert.True(allowedAgain.Succeeded, allowedAgain.Error);
        }
    }

    [Fact]
    public async Task FetchAsync_OverWhatIsLeftOfTheRequestsBudget_RefusedNamingTheRequestLimit()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => Image(new byte[2048], "image/png")), null, maxBytes: 4096, maxRequestBytes: 3 * 1024 * 1024);
        var result = await fetcher.FetchAsync("https://images.example.com/a.png", allowPrivate: false, budgetBytes: 1024, CancellationToken.None);

        Assert.True(result.OverBudget);
        Assert.Contains("past the 3 MB limit (server.max_images_per_request_mb)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_WithinBudgetAndCap_Fetched()
    {
        using var fetcher = new ImageFetcher(new ScriptedHandler(_ => Image(Png, "image/png")), null, maxBytes: 4096);
        var result = await fetcher.FetchAsync("https://images.example.com/a.png", allowPrivate: false, budgetBytes: Png.Length, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public void ParseGeminiPage_ModelsAndToken_NamesWithoutPrefixEmbeddingsLeftOut()
    {
        var models = new List<string>();
        string? token = ModelListClient.ParseGeminiPage(Encoding.UTF8.GetBytes("""
            {"models":[{"name":"models/gemini-2.0-flash","supportedGenerationMethods":["generateContent","countTokens"]},
                       {"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]},
                       {"name":"models/gemini-2.5-pro"}],"nextPageToken":"abc"}
            """), models);
        Assert.Equal(["gemini-2.0-flash", "gemini-2.5-pro"], models);
        Assert.Equal("abc", token);
    }

    private static HttpResponseMessage Redirect(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Found);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    private static HttpResponseMessage Image(byte[] bytes, string contentType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
        response.Content.Headers.ContentType = new(contentType);
        return response;
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
