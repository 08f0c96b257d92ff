using System.Net;
using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// Every /v1 and /v1beta route checks the client key as generation does: token counts, model lists and stored
/// responses refuse missing, wrong, revoked and expired keys, and keep a key to the models and providers it is
/// allowed; a stored response is visible only to the key that made it (or the admin).
/// </summary>
public sealed class SideRouteKeyTests
{
    private const string Good = "flr_good_key_000000000000000000";
    private const string Other = "flr_other_key_00000000000000000";
    private const string Expired = "flr_expired_key_000000000000000";
    private const string Revoked = "flr_revoked_key_000000000000000";
    private const string Narrow = "flr_narrow_key_0000000000000000";
    private const string AdminToken = "admin-token-side-routes-0123456789";
    private const string AnthropicAnswer = """{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}""";

    private static readonly string Config = $$"""
        providers:
          - { id: claude, type: anthropic, base_url: "{upstream-root}", api_key: sk-ant-000000000000000000, models: [claude-sonnet-4-5] }
          - { id: oai, type: openai, base_url: "{upstream2}", api_key: sk-oai-0000000000000000000, models: [gpt-4o-mini] }
        keys:
          - { name: good, key: {{Good}} }
          - { name: other, key: {{Other}} }
          - { name: expired, key: {{Expired}}, expires: "2020-01-01" }
          - { name: revoked, key: {{Revoked}}, revoked: true }
          - { name: narrow, key: {{Narrow}}, allowed_models: ["oai/*"] }
        server:
          admin_token: {{AdminToken}}
        """;

    /// <summary>Every client route but generation's own, with a body that would otherwise be served.</summary>
    public static TheoryData<string, string, string?> Routes() => new()
    {
        { "POST", "v1/chat/completions", """{"model":"oai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""" },
        { "POST", "v1/messages", """{"model":"claude/claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""" },
        { "POST", "v1/messages/count_tokens", """{"model":"claude/claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""" },
        { "POST", "v1/responses", """{"model":"oai/gpt-4o-mini","input":"hi"}""" },
        { "POST", "v1/responses/input_tokens", """{"model":"oai/gpt-4o-mini","input":"hi"}""" },
        { "GET", "v1/responses/resp_0123456789", null },
        { "DELETE", "v1/responses/resp_0123456789", null },
        { "GET", "v1/models", null },
        { "GET", "v1/models/oai/gpt-4o-mini", null },
        { "POST", "v1/models/oai/gpt-4o-mini:countTokens", """{"contents":[{"parts":[{"text":"hi"}]}]}""" },
        { "POST", "v1beta/models/oai/gpt-4o-mini:generateContent", """{"contents":[{"parts":[{"text":"hi"}]}]}""" },
        { "POST", "v1beta/models/oai/gpt-4o-mini:streamGenerateContent?alt=sse", """{"contents":[{"parts":[{"text":"hi"}]}]}""" },
        { "POST", "v1beta/models/oai/gpt-4o-mini:countTokens", """{"contents":[{"parts":[{"text":"hi"}]}]}""" },
        { "GET", "v1beta/models", null },
        { "GET", "v1beta/models/oai/gpt-4o-mini", null },
    };

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, string method, string path, string? body, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (key is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + key);
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_MissingWrongRevokedOrExpiredKey_Is401AndCallsNoUpstream(string method, string path, string? body)
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        harness.Upstream.DefaultResponse = FakeResponse.Json(200, AnthropicAnswer);
        using var http = harness.Http();

        foreach (string? key in new[] { null, "flr_wrong_key_000000000000000000", Revoked, Expired })
        {
            var (status, text) = await SendAsync(http, method, path, body, key);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {path} with key {key ?? "(none)"}: {(int)status} {text}");
            using var json = JsonDocument.Parse(text); // a JSON error, whatever the route's shape
        }
        Assert.Empty(harness.Upstream.Received);
        Assert.Empty(harness.Upstream2!.Received);
        var (good, goodText) = await SendAsync(http, method, path, body, Good);
        Assert.True(good is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{method} {path} with a good key: {(int)good} {goodText}");
    }

    [Fact]
    public async Task NarrowKey_CannotCountOrSeeModelsItMayNotUse()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        using var http = harness.Http();

        var (count, _) = await SendAsync(http, "POST", "v1/messages/count_tokens", """{"model":"claude/claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""", Narrow);
        var (gemini, _) = await SendAsync(http, "POST", "v1beta/models/claude/claude-sonnet-4-5:countTokens", """{"contents":[{"parts":[{"text":"hi"}]}]}""", Narrow);
        var (model, _) = await SendAsync(http, "GET", "v1/models/claude/claude-sonnet-4-5", null, Narrow);
        var (allowed, _) = await SendAsync(http, "POST", "v1/responses/input_tokens", """{"model":"oai/gpt-4o-mini","input":"hi"}""", Narrow);
        var (_, list) = await SendAsync(http, "GET", "v1/models", null, Narrow);
        var (_, geminiList) = await SendAsync(http, "GET", "v1beta/models", null, Narrow);
        var (_, fullList) = await SendAsync(http, "GET", "v1/models", null, Good);

        Assert.Equal(HttpStatusCode.Forbidden, count);
        Assert.Equal(HttpStatusCode.Forbidden, gemini);
        Assert.Equal(HttpStatusCode.Forbidden, model);
        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.Empty(harness.Upstream.Received);
        Assert.DoesNotContain("claude", list, StringComparison.Ordinal);
        Assert.Contains("oai/gpt-4o-mini", list, StringComparison.Ordinal);
        Assert.DoesNotContain("claude", geminiList, StringComparison.Ordinal);
        Assert.Contains("claude/claude-sonnet-4-5", fullList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredResponse_OnlyItsOwnKeyOrTheAdmin_AndARevokedKeyLosesIt()
    {
        await using var harness = await RouterHarness.StartAsync(Config, secondUpstream: true);
        using var http = harness.Http();
        using var admin = new AdminHttp(harness.BaseUri);
        var created = await admin.SendAsync(HttpMethod.Post, "api/keys", """{"name":"session-key"}""", bearer: AdminToken);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        string mine = created.Json.GetProperty("key").GetString()!;

        var (made, answer) = await SendAsync(http, "POST", "v1/responses", """{"model":"oai/gpt-4o-mini","input":"my private note","store":true}""", mine);
        Assert.Equal(HttpStatusCode.OK, made);
        string id = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, "GET", "v1/responses/" + id, null, mine)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, "GET", "v1/responses/" + id, null, Other)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, "DELETE", "v1/responses/" + id, null, Other)).Status);

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, "api/keys/session-key/revoke", bearer: AdminToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, "GET", "v1/responses/" + id, null, mine)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, "DELETE", "v1/responses/" + id, null, mine)).Status);

        // Still there for the admin, who may read and delete anyone's.
        var (adminRead, adminText) = await SendAsync(http, "GET", "v1/responses/" + id, null, AdminToken);
        Assert.Equal(HttpStatusCode.OK, adminRead);
        Assert.Equal(id, JsonDocument.Parse(adminText).RootElement.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, "DELETE", "v1/responses/" + id, null, AdminToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, "GET", "v1/responses/" + id, null, AdminToken)).Status);
    }
}
