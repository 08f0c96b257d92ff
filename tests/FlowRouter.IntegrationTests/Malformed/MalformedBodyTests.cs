using System.Net.Http.Headers;
using System.Text;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// JSON bodies the parsers used to choke on (a 500 each): invalid UTF-8 and unpaired surrogate escapes in text and in
/// the model, a temperature of 1e400, nesting past 64 levels. Every route family answers 400 in its own error shape,
/// passed through or translated, and the server logs no error.
/// </summary>
public sealed class MalformedBodyTests(FourFormatServer server) : IClassFixture<FourFormatServer>
{
    private static readonly byte[] InvalidUtf8Text = [(byte)'"', (byte)'a', 0xFF, (byte)'b', (byte)'"'];
    private static readonly byte[] LoneSurrogateText = "\"a\\ud800b\""u8.ToArray();

    public static TheoryData<ClientRoute, bool> EveryRouteAndTarget()
    {
        var data = new TheoryData<ClientRoute, bool>();
        foreach (var route in ClientRoute.All)
        {
            data.Add(route, false);
            if (route != ClientRoute.Login)
            {
                data.Add(route, true);
            }
        }
        return data;
    }

    public static TheoryData<ClientRoute> ModelRoutes() => [.. ClientRoute.All.Where(r => r.ModelInBody)];

    public static TheoryData<ClientRoute> TranslatedRoutes() => [.. ClientRoute.All.Where(r => r.HasTemperature)];

    [Theory]
    [MemberData(nameof(EveryRouteAndTarget))]
    public async Task Post_InvalidUtf8InText_Is400InClientShape(ClientRoute route, bool native)
    {
        string target = native ? route.Native : route.Translated;
        await AssertRefusedAsync(route, target, route.Body(target, text: InvalidUtf8Text), "not valid UTF-8");
    }

    [Theory]
    [MemberData(nameof(EveryRouteAndTarget))]
    public async Task Post_LoneSurrogateEscapeInText_Is400InClientShape(ClientRoute route, bool native)
    {
        string target = native ? route.Native : route.Translated;
        await AssertRefusedAsync(route, target, route.Body(target, text: LoneSurrogateText), "surrogate unpaired");
    }

    [Theory]
    [MemberData(nameof(ModelRoutes))]
    public async Task Post_InvalidUtf8InModel_Is400InClientShape(ClientRoute route)
    {
        byte[] model = [.. "\"ant/"u8, 0xC0, 0x80, (byte)'"'];
        await AssertRefusedAsync(route, route.Translated, route.Body(route.Translated, model: model), "not valid UTF-8");
    }

    [Theory]
    [MemberData(nameof(ModelRoutes))]
    public async Task Post_LoneSurrogateEscapeInModel_Is400InClientShape(ClientRoute route) =>
        await AssertRefusedAsync(route, route.Translated, route.Body(route.Translated, model: "\"ant/\\udc00m\""u8.ToArray()), "surrogate unpaired");

    /// <summary>Only a translation reads the number (a passthrough leaves it to the provider); 1e400 is infinity as a double.</summary>
    [Theory]
    [MemberData(nameof(TranslatedRoutes))]
    public async Task Post_TemperatureOverflowsDouble_Is400InClientShape(ClientRoute route) =>
        await AssertRefusedAsync(route, route.Translated, route.Body(route.Translated, temperature: "1e400"u8.ToArray()), "finite number");

    [Theory]
    [MemberData(nameof(EveryRouteAndTarget))]
    public async Task Post_TextNested65Deep_Is400InClientShape(ClientRoute route, bool native)
    {
        string target = native ? route.Native : route.Translated;
        await AssertRefusedAsync(route, target, route.Body(target, text: Nested(65)), route == ClientRoute.Login ? "must be a string" : "deeper than 64");
    }

    /// <summary>The Responses case from the report: a field nested 65 to 255 deep passed the scanner and failed a later parse.</summary>
    [Theory]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(255)]
    public async Task Responses_MetadataNestedPast64_Is400NotAParseFailureLater(int depth)
    {
        string body = "{\"model\":\"resp/m\",\"input\":\"hi\",\"metadata\":{\"k\":" + new string('[', depth) + new string(']', depth) + "}}";
        await AssertRefusedAsync(ClientRoute.Responses, "resp/m", Encoding.UTF8.GetBytes(body), "deeper than 64");
    }

    /// <summary>The limit is not lower than it says: 64 levels in all still go through.</summary>
    [Fact]
    public async Task Post_BodyNested64Deep_IsServed()
    {
        using var http = server.Harness.Http();
        using var response = await PostAsync(http, ClientRoute.Chat.Path("oai/m"), ClientRoute.Chat.Body("oai/m", text: Nested(61)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task AssertRefusedAsync(ClientRoute route, string target, byte[] body, string expected)
    {
        using var http = server.Harness.Http();
        using var response = await PostAsync(http, route.Path(target), body);
        byte[] answer = await response.Content.ReadAsByteArrayAsync();
        Assert.True(400 == (int)response.StatusCode, $"{route} → {target}: {(int)response.StatusCode} {Encoding.UTF8.GetString(answer)}");
        Assert.True(ErrorShapes.Matches(route.Shape, answer), $"{route}: not a {route.Shape} error: {Encoding.UTF8.GetString(answer)}");
        Assert.Contains(expected, ErrorShapes.Message(answer), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Harness.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await http.PostAsync(path, content);
    }

    /// <summary>A JSON string value wrapped in arrays to a total depth of <paramref name="depth"/> levels (within the body's own).</summary>
    private static byte[] Nested(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + "\"x\"" + new string(']', depth));
}
