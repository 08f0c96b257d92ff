using System.Text;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Malformed HTTP around the body: broken chunk framing and a body that stalls (Kestrel's exception while the body is
/// read was a 500), a signed Content-Length (Kestrel took "+70" as 70), and what Kestrel refuses before any middleware
/// runs (a bad request line, a URL over 8 KB, headers over 32 KB), which it answered with no body at all. Each is a
/// 4xx with a JSON error in the route family's shape, and the server logs no error.
/// </summary>
public sealed class MalformedHttpTests(FourFormatServer server) : IClassFixture<FourFormatServer>
{
    private const string Json = "Content-Type: application/json\r\n";

    public static TheoryData<ClientRoute> EveryRoute() => [.. ClientRoute.All];

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Post_ChunkSizeNotHex_Is400InClientShape(ClientRoute route)
    {
        byte[] body = route.Body(route.Translated);
        var response = await RawHttp.SendAsync(server.Harness.BaseUri,
            RawHttp.Request("POST", route.Path(route.Translated), Json + "Transfer-Encoding: chunked\r\n", [.. RawHttp.Chunk("zz", body), .. "0\r\n\r\n"u8]));
        AssertError(route, response, 400, "malformed");
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Post_ChunkLongerThanItsSize_Is400InClientShape(ClientRoute route)
    {
        byte[] body = route.Body(route.Translated);
        var response = await RawHttp.SendAsync(server.Harness.BaseUri,
            RawHttp.Request("POST", route.Path(route.Translated), Json + "Transfer-Encoding: chunked\r\n", [.. RawHttp.Chunk("5", body), .. "0\r\n\r\n"u8]));
        AssertError(route, response, 400, "malformed");
    }

    /// <summary>
    /// Every route at once, so the test waits Kestrel's grace period (5 s under 240 bytes/s) only once: a few bytes of
    /// body, then nothing. The answer must come (the socket would wait a minute) and be a 408 in the route's shape.
    /// </summary>
    [Fact]
    public async Task Post_BodyStallsAfterAFewBytes_Is408InClientShapeOnEveryRoute()
    {
        var sent = ClientRoute.All.Select(route =>
        {
            byte[] body = route.Body(route.Translated);
            byte[] head = RawHttp.Request("POST", route.Path(route.Translated), Json + "Transfer-Encoding: chunked\r\n", RawHttp.Chunk("a", body[..10]));
            return (Route: route, Answer: RawHttp.SendAsync(server.Harness.BaseUri, head));
        }).ToList();
        foreach (var (route, answer) in sent)
        {
            AssertError(route, await answer, 408, "too slowly");
        }
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Post_ContentLengthWithPlusSign_Is400InClientShape(ClientRoute route)
    {
        byte[] body = route.Body(route.Translated);
        var response = await RawHttp.SendAsync(server.Harness.BaseUri,
            RawHttp.Request("POST", route.Path(route.Translated), Json + $"Content-Length: +{body.Length}\r\n", body));
        AssertError(route, response, 400, "Content-Length");
        Assert.Equal("close", response.Headers["Connection"]);
    }

    [Fact]
    public async Task Post_ContentLengthMinusZeroInLowerCase_Is400()
    {
        var response = await RawHttp.SendAsync(server.Harness.BaseUri, RawHttp.Request("POST", "v1/chat/completions", Json + "content-length:\t-0\r\n", []));
        AssertError(ClientRoute.Chat, response, 400, "Content-Length");
    }

    [Fact]
    public async Task Post_PlainContentLength_IsServed()
    {
        byte[] body = ClientRoute.Chat.Body("oai/m");
        var response = await RawHttp.SendAsync(server.Harness.BaseUri, RawHttp.Request("POST", "v1/chat/completions", Json + $"Content-Length: {body.Length}\r\n", body));
        Assert.Equal(200, response.Status);
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Kestrel_MalformedRequestLine_Is400WithJsonBodyInClientShape(ClientRoute route)
    {
        var response = await RawHttp.SendAsync(server.Harness.BaseUri, Encoding.ASCII.GetBytes($"POST /{route.Path(route.Translated)} HTTP/1.1 trailing\r\nHost: 127.0.0.1\r\n\r\n"));
        AssertError(route, response, 400, "malformed HTTP");
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Kestrel_UrlOver8KB_Is414WithJsonBodyInClientShape(ClientRoute route)
    {
        var response = await RawHttp.SendAsync(server.Harness.BaseUri,
            RawHttp.Request("POST", route.Path(route.Translated) + "?pad=" + new string('a', 9000), Json + "Content-Length: 0\r\n", []));
        AssertError(route, response, 414, "request line");
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Kestrel_HeadersOver32KB_Is431WithJsonBodyInClientShape(ClientRoute route)
    {
        string padding = string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Pad-{i}: {new string('v', 1000)}\r\n"));
        var response = await RawHttp.SendAsync(server.Harness.BaseUri, RawHttp.Request("POST", route.Path(route.Translated), Json + padding, []));
        AssertError(route, response, 431, "headers");
    }

    /// <summary>A refusal on a kept-alive connection takes the shape of the request before it on that connection.</summary>
    [Fact]
    public async Task Kestrel_RefusalAfterAServedRequest_TakesThatRequestsShape()
    {
        byte[] good = ClientRoute.Messages.Body("oai/m");
        byte[] first = RawHttp.Request("POST", "v1/messages/count_tokens", Json + $"Content-Length: {good.Length}\r\n", good);
        byte[] second = Encoding.ASCII.GetBytes("GET /health HTTP/1.1 trailing\r\n\r\n");
        var responses = await RawHttp.SendAsync(server.Harness.BaseUri, 2, [.. first, .. second]);
        Assert.Equal(200, responses[0].Status);
        AssertError(ClientRoute.MessagesCount, responses[1], 400, "malformed HTTP");
    }

    private void AssertError(ClientRoute route, RawHttp.Response response, int status, string expected)
    {
        Assert.True(status == response.Status, $"{route}: {response.Status} {response.Text}");
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(ErrorShapes.Matches(route.Shape, response.Body), $"{route}: not a {route.Shape} error: {response.Text}");
        Assert.Contains(expected, ErrorShapes.Message(response.Body), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Harness.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }
}
