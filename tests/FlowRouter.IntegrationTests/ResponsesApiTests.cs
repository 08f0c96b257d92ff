using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.TestKit;
using OpenAI.Responses;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// The Responses API served by FlowRouter, with the official OpenAI .NET SDK's ResponsesClient as the client:
/// passthrough to a Responses upstream, the response store (previous_response_id, GET, DELETE, per-key ownership,
/// store: false) and input token counting.
/// </summary>
public sealed class ResponsesApiTests
{
    private const string OtherKey = "flr_other_client_key_9876543210";

    private static readonly string Providers = $$"""
        providers:
          - id: resp
            type: openai-responses
            base_url: {upstream}
            api_key: sk-test-provider-key-responses-0000
          - id: chat
            type: openai
            base_url: {upstream2}
            api_key: sk-test-provider-key-chat-00000000
        keys:
          - { name: laptop, key: {{RouterHarness.ClientKey}} }
          - { name: other, key: {{OtherKey}} }
        """;

    /// <summary>The text-basic answer with its own id and text, so turns of one conversation differ.</summary>
    private static FakeResponse Answer(string id, string text)
    {
        var json = JsonNode.Parse(Fixtures.Load("openai-responses", "text-basic").ResponseBody)!.AsObject();
        json["id"] = id;
        json["output"]![0]!["content"]![0]!["text"] = text;
        return FakeResponse.Json(200, json.ToJsonString());
    }

    [Fact]
    public async Task CreateResponse_ResponsesUpstream_PassesThroughWithOnlyTheModelRewritten()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "text-basic")));

        ResponseResult response = await harness.Responses().CreateResponseAsync("resp/gpt-4o-mini", "Say hello.");

        Assert.Equal("Hello.", response.GetOutputText());
        Assert.Equal(14, response.Usage.InputTokenCount);
        var sent = harness.Upstream.LastRequest!;
        Assert.Equal("/v1/responses", sent.Path);
        Assert.Equal("Bearer sk-test-provider-key-responses-0000", sent.Headers["authorization"]);
        using var json = sent.Json();
        Assert.Equal("gpt-4o-mini", json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CreateResponseStreaming_ResponsesUpstream_RelaysEveryEventAsIs()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var fixture = Fixtures.Load("openai-responses", "stream-text");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = harness.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
        {
            Content = ChatCompletionsSdkTests.Json("""{"model":"resp/gpt-4o-mini","input":"hi","stream":true,"store":false}"""),
        };
        request.Headers.Add("Authorization", "Bearer " + RouterHarness.ClientKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(fixture.ResponseBody), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PreviousResponseId_ThreeTurns_UpstreamGetsTheWholeConversationWithoutTheId()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        var client = harness.Responses();
        harness.Upstream.Enqueue(Answer("resp_turn1", "Paris."), Answer("resp_turn2", "About 2.1 million."), Answer("resp_turn3", "Yes."));

        var first = (ResponseResult)await client.CreateResponseAsync("resp/gpt-4o-mini", "Capital of France?");
        var second = (ResponseResult)await client.CreateResponseAsync("resp/gpt-4o-mini", "Population?", first.Id);
        var third = (ResponseResult)await client.CreateResponseAsync("resp/gpt-4o-mini", "Is it big?", second.Id);

        Assert.Equal("Yes.", third.GetOutputText());
        using var sent = harness.Upstream.LastRequest!.Json();
        Assert.False(sent.RootElement.TryGetProperty("previous_response_id", out _));
        var texts = sent.RootElement.GetProperty("input").EnumerateArray().Select(i => Text(i)!).ToArray();
        Assert.Equal(["Capital of France?", "Paris.", "Population?", "About 2.1 million.", "Is it big?"], texts);
    }

    [Fact]
    public async Task StoredResponse_OtherKey_GetsNotFoundEverywhere()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(Answer("resp_owned", "Mine."));
        var created = (ResponseResult)await harness.Responses().CreateResponseAsync("resp/gpt-4o-mini", "hi");

        var fetched = (ResponseResult)await harness.Responses().GetResponseAsync(created.Id);
        Assert.Equal("Mine.", fetched.GetOutputText());

        var other = harness.Responses(OtherKey);
        var get = await Assert.ThrowsAsync<ClientResultException>(() => other.GetResponseAsync(created.Id));
        Assert.Equal(404, get.Status);
        var follow = await Assert.ThrowsAsync<ClientResultException>(() => other.CreateResponseAsync("resp/gpt-4o-mini", "again", created.Id));
        Assert.Equal(400, follow.Status);
        Assert.Contains("resp_owned", follow.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<ClientResultException>(() => other.DeleteResponseAsync(created.Id));
        Assert.Equal(404, delete.Status);

        ResponseDeletionResult deleted = await harness.Responses().DeleteResponseAsync(created.Id);
        Assert.True(deleted.Deleted);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => harness.Responses().GetResponseAsync(created.Id));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task StoreFalse_NothingIsKept()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(Answer("resp_unstored", "Not kept."));
        var options = new CreateResponseOptions("resp/gpt-4o-mini", [ResponseItem.CreateUserMessageItem("hi")]) { StoredOutputEnabled = false };
        var created = (ResponseResult)await harness.Responses().CreateResponseAsync(options);

        var get = await Assert.ThrowsAsync<ClientResultException>(() => harness.Responses().GetResponseAsync(created.Id));
        Assert.Equal(404, get.Status);
    }

    [Fact]
    public async Task InputTokens_ResponsesTargetCountsForItself_OthersAreEstimated()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "input-tokens-count")));
        using var http = harness.Http();
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + RouterHarness.ClientKey);

        using var forwarded = await http.PostAsync("v1/responses/input_tokens", ChatCompletionsSdkTests.Json("""{"model":"resp/gpt-4o-mini","input":"Tell me a joke."}"""));
        using var forwardedJson = JsonDocument.Parse(await forwarded.Content.ReadAsStringAsync());
        Assert.Equal(12, forwardedJson.RootElement.GetProperty("input_tokens").GetInt32());
        Assert.Equal("/v1/responses/input_tokens", harness.Upstream.LastRequest!.Path);

        using var estimated = await http.PostAsync("v1/responses/input_tokens", ChatCompletionsSdkTests.Json("""{"model":"chat/gpt-4o-mini","input":"Tell me a joke."}"""));
        Assert.Equal("estimate", estimated.Headers.GetValues("x-flowrouter-token-count").Single());
        using var estimatedJson = JsonDocument.Parse(await estimated.Content.ReadAsStringAsync());
        Assert.Equal("response.input_tokens", estimatedJson.RootElement.GetProperty("object").GetString());
        Assert.InRange(estimatedJson.RootElement.GetProperty("input_tokens").GetInt32(), 3, 20);
    }

    [Fact]
    public async Task CreateResponse_BadInput_AnswersInOpenAIErrorShape()
    {
        await using var harness = await RouterHarness.StartAsync(Providers, secondUpstream: true);
        using var http = harness.Http();
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + RouterHarness.ClientKey);
        foreach (var (body, param) in new[] { ("{\"model\":\"resp/gpt-4o-mini\"}", "input"), ("{\"input\":\"hi\"}", "model"), ("{\"model\":\"resp/x\",\"input\":5}", "input"), ("{\"model\":", null) })
        {
            using var response = await http.PostAsync("v1/responses", ChatCompletionsSdkTests.Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var error = json.RootElement.GetProperty("error");
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task EncryptedReasoning_ReplayedToAnotherResponsesProvider_IsLeftOutThere()
    {
        const string twoProviders = """
            providers:
              - id: resp
                type: openai-responses
                base_url: {upstream}
                api_key: sk-test-provider-key-responses-0000
              - id: resp2
                type: openai-responses
                base_url: {upstream2}
                api_key: sk-test-provider-key-responses-2222
            """;
        await using var harness = await RouterHarness.StartAsync(twoProviders, secondUpstream: true);
        var fixture = Fixtures.Load("openai-responses", "reasoning-encrypted-content");
        harness.Upstream.Enqueue(FakeResponse.FromFixture(fixture));
        using var http = harness.Http();
        var first = JsonNode.Parse(fixture.RequestBody)!.AsObject();
        first["model"] = "resp/gpt-5-mini";
        using (var answer = await http.PostAsync("v1/responses", ChatCompletionsSdkTests.Json(first.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // The client replays the whole conversation (store: false), reasoning item included.
        var next = JsonNode.Parse(fixture.RequestBody)!.AsObject();
        var input = next["input"]!.AsArray();
        foreach (var item in JsonNode.Parse(fixture.ResponseBody)!["output"]!.AsArray())
        {
            input.Add(item!.DeepClone());
        }
        input.Add(JsonNode.Parse("""{"type":"message","role":"user","content":[{"type":"input_text","text":"And again?"}]}"""));
        harness.Upstream2!.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "text-basic")));
        next["model"] = "resp2/gpt-5-mini";
        using (var moved = await http.PostAsync("v1/responses", ChatCompletionsSdkTests.Json(next.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        Assert.DoesNotContain("\"encrypted_content\":", harness.Upstream2.LastRequest!.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"rs_", harness.Upstream2.LastRequest.BodyText, StringComparison.Ordinal);

        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("openai-responses", "text-basic")));
        next["model"] = "resp/gpt-5-mini";
        using (var back = await http.PostAsync("v1/responses", ChatCompletionsSdkTests.Json(next.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }
        Assert.Contains("\"encrypted_content\":", harness.Upstream.LastRequest!.BodyText, StringComparison.Ordinal);
    }

    /// <summary>The text of an input item: a message's string content or its first text part.</summary>
    private static string? Text(JsonElement item)
    {
        var content = item.GetProperty("content");
        return content.ValueKind == JsonValueKind.String ? content.GetString() : content[0].GetProperty("text").GetString();
    }
}
