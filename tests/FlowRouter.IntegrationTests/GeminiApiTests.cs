using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The Gemini API as FlowRouter serves it, with raw HTTP as the client: passthrough to a Gemini upstream (bytes
/// untouched, SSE relayed byte for byte, the JSON-array form re-framed from SSE), routes and their errors, client
/// keys Google's way, the model list, countTokens.
/// </summary>
public sealed class GeminiApiTests
{
    private const string GeminiKey = "gemini-test-provider-key-0000000000";

    private static string Providers(string extra = "") => $$"""
        providers:
          - id: gem
            type: gemini
            base_url: {upstream-root}
            api_key: {{GeminiKey}}
            models: [gemini-2.0-flash, gemini-2.5-pro, gemini-3-flash-preview]
          - id: oai
            type: openai
            base_url: {upstream2}
            api_key: sk-openai-test-provider-key-000000
            models: [gpt-4o-mini]
        {{extra}}
        """;

    private const string Keys = "keys: [{ name: laptop, key: " + RouterHarness.ClientKey + " }]";

    private static HttpRequestMessage Post(string path, byte[] body, string? googKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (googKey is not null)
        {
            request.Headers.Add("x-goog-api-key", googKey);
        }
        return request;
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").Clone();
    }

    [Fact]
    public async Task GenerateContent_GeminiUpstream_BodyAndAnswerPassThroughByteExact()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        var fixture = Fixtures.Load("gemini", "text-system-instruction");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent", fixture.RequestBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.ResponseBody, await response.Content.ReadAsByteArrayAsync());
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", sent.Path);
        Assert.Equal(fixture.RequestBody, sent.Body);
        Assert.Equal(GeminiKey, sent.Headers["x-goog-api-key"]);
        Assert.False(sent.Headers.ContainsKey("authorization"));
        Assert.Equal("gem/gemini-2.0-flash", response.Headers.GetValues("x-flowrouter-target").Single());
    }

    [Fact]
    public async Task StreamGenerateContent_AltSse_GeminiUpstream_RelaysCrlfEventsByteExact()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        var fixture = Fixtures.Load("gemini", "function-call-stream-thought-signature");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/gem/gemini-3-flash-preview:streamGenerateContent?alt=sse", fixture.RequestBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fixture.ResponseBody, await response.Content.ReadAsByteArrayAsync());
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1beta/models/gemini-3-flash-preview:streamGenerateContent", sent.Path);
        Assert.Equal("?alt=sse", sent.Query);
        Assert.Equal(fixture.RequestBody, sent.Body);
    }

    [Fact]
    public async Task StreamGenerateContent_NoAlt_GeminiUpstream_JsonArrayOfTheUpstreamChunks()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        var fixture = Fixtures.Load("gemini", "stream-text");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1/models/gem/gemini-2.0-flash:streamGenerateContent", fixture.RequestBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        using var array = JsonDocument.Parse(body);
        var payloads = Encoding.UTF8.GetString(fixture.ResponseBody).Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e["data: ".Length..]).ToArray();
        Assert.Equal(payloads, array.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToArray());
        Assert.Equal("?alt=sse", harness.Upstream.LastRequest!.Query); // asked for SSE upstream, re-framed here
    }

    [Fact]
    public async Task StreamGenerateContent_UpstreamCutBeforeFinish_EndsWithGeminiErrorChunk()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        var fixture = Fixtures.Load("gemini", "stream-text");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture) with { CutAfterEvents = 2 });
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:streamGenerateContent", fixture.RequestBody));

        using var array = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var chunks = array.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, chunks.Length);
        Assert.Equal("UNAVAILABLE", chunks[^1].GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Routes_UnknownMethodUnknownModelBadJson_GeminiErrorShapes()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        using var http = harness.Http();
        byte[] body = Encoding.UTF8.GetBytes("""{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}""");

        using var unknownMethod = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:embedContent", body));
        Assert.Equal(HttpStatusCode.NotFound, unknownMethod.StatusCode);
        Assert.Equal("NOT_FOUND", (await ErrorOf(unknownMethod)).GetProperty("status").GetString());

        using var unknownModel = await http.SendAsync(Post("v1beta/models/nope/nothing:generateContent", body));
        Assert.Equal(HttpStatusCode.NotFound, unknownModel.StatusCode);
        var error = await ErrorOf(unknownModel);
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.Equal("NOT_FOUND", error.GetProperty("status").GetString());

        using var badJson = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent", "{\"contents\":"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (await ErrorOf(badJson)).GetProperty("status").GetString());

        using var unknownRoute = await http.GetAsync("v1beta/cachedContents");
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal("NOT_FOUND", (await ErrorOf(unknownRoute)).GetProperty("status").GetString());
        Assert.Empty(harness.Upstream.Received);
    }

    [Fact]
    public async Task ClientKey_GoogleHeaderQueryAndBearer_AcceptedMissingIsUnauthenticated()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(Keys), secondUpstream: true);
        var fixture = Fixtures.Load("gemini", "text-system-instruction");
        harness.Upstream.DefaultResponse = FakeResponse.FromFixture(fixture);
        using var http = harness.Http();

        using var header = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent", fixture.RequestBody, RouterHarness.ClientKey));
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        using var query = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent?key=" + RouterHarness.ClientKey, fixture.RequestBody));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        var bearerRequest = Post("v1beta/models/gem/gemini-2.0-flash:generateContent", fixture.RequestBody);
        bearerRequest.Headers.Authorization = new("Bearer", RouterHarness.ClientKey);
        using var bearer = await http.SendAsync(bearerRequest);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.DoesNotContain(harness.Upstream.Received, r => r.Query.Contains(RouterHarness.ClientKey, StringComparison.Ordinal));

        using var missing = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent", fixture.RequestBody));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var error = await ErrorOf(missing);
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("status").GetString());
        Assert.Contains("x-goog-api-key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var wrong = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent", fixture.RequestBody, "flr_wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        // ?key= is Google's form: the OpenAI routes do not take it.
        using var openAi = await http.SendAsync(Post("v1/chat/completions?key=" + RouterHarness.ClientKey,
            """{"model":"oai/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}"""u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, openAi.StatusCode);
    }

    [Fact]
    public async Task GenerateContent_UpstreamApiKeyInvalid_FallsOverAsAuthFailure()
    {
        await using var harness = await RouterHarness.StartAsync($$"""
            providers:
              - id: gem
                type: gemini
                base_url: {upstream-root}
                api_key: {{GeminiKey}}
                models: [gemini-2.0-flash]
              - id: gem2
                type: gemini
                base_url: {upstream-root}
                api_key: second-gemini-key-00000000000000
                models: [gemini-2.0-flash]
            combos:
              - name: duo
                targets: [gem/gemini-2.0-flash, gem2/gemini-2.0-flash]
            """);
        harness.Upstream.Enqueue(
            FakeResponse.FromFixture(Fixtures.Load("gemini", "error-400-api-key-invalid")),
            FakeResponse.FromFixture(Fixtures.Load("gemini", "text-system-instruction")));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/duo:generateContent", Fixtures.Load("gemini", "text-system-instruction").RequestBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gem2/gemini-2.0-flash", response.Headers.GetValues("x-flowrouter-target").Single());
        Assert.Equal(2, harness.Upstream.Received.Count);
    }

    [Fact]
    public async Task GenerateContent_UpstreamApiKeyInvalidOnlyTarget_GeminiErrorWithUpstreamStatus()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("gemini", "error-400-api-key-invalid")));
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:generateContent", Fixtures.Load("gemini", "text-system-instruction").RequestBody));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.StartsWith("gem: API key not valid", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("API_KEY_INVALID", error.GetProperty("details")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Models_ListGetAndUnknown_GeminiShapes()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        using var http = harness.Http();

        using var list = JsonDocument.Parse(await http.GetStringAsync("v1beta/models"));
        var names = list.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray();
        Assert.Contains("models/gem/gemini-2.0-flash", names);
        Assert.Contains("models/oai/gpt-4o-mini", names);

        using var one = JsonDocument.Parse(await http.GetStringAsync("v1beta/models/gem/gemini-2.5-pro"));
        Assert.Equal("models/gem/gemini-2.5-pro", one.RootElement.GetProperty("name").GetString());
        Assert.Contains("generateContent", one.RootElement.GetProperty("supportedGenerationMethods").EnumerateArray().Select(m => m.GetString()));

        using var missing = await http.GetAsync("v1beta/models/nope/nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NOT_FOUND", (await ErrorOf(missing)).GetProperty("status").GetString());

        // /v1/models: Gemini's shape for a Gemini client, OpenAI's otherwise.
        using var geminiV1 = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        geminiV1.Headers.Add("x-goog-api-key", "anything");
        using var geminiList = JsonDocument.Parse(await (await http.SendAsync(geminiV1)).Content.ReadAsStringAsync());
        Assert.True(geminiList.RootElement.TryGetProperty("models", out _));
        using var openAiList = JsonDocument.Parse(await http.GetStringAsync("v1/models"));
        Assert.Equal("list", openAiList.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task CountTokens_GeminiTarget_ForwardedAsIs()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.Json(200, """{"totalTokens": 31, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 31}]}"""));
        byte[] body = Encoding.UTF8.GetBytes("""{"contents":[{"role":"user","parts":[{"text":"How many tokens is this?"}]}]}""");
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/gem/gemini-2.0-flash:countTokens", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-flowrouter-token-count"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(31, json.RootElement.GetProperty("totalTokens").GetInt32());
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1beta/models/gemini-2.0-flash:countTokens", sent.Path);
        Assert.Equal(body, sent.Body);
    }

    [Fact]
    public async Task CountTokens_OtherTarget_EstimatedAndMarked()
    {
        await using var harness = await RouterHarness.StartAsync(Providers(), secondUpstream: true);
        using var http = harness.Http();

        using var response = await http.SendAsync(Post("v1beta/models/oai/gpt-4o-mini:countTokens",
            """{"generateContentRequest":{"contents":[{"role":"user","parts":[{"text":"How many tokens is this sentence, roughly?"}]}]}}"""u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("estimate", response.Headers.GetValues("x-flowrouter-token-count").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.InRange(json.RootElement.GetProperty("totalTokens").GetInt32(), 5, 40);
        Assert.Empty(harness.Upstream2!.Received);
    }
}
