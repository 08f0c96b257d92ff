using System.Net;
using System.Text;
using System.Text.Json;

namespace FlowRouter.IntegrationTests;

/// <summary>Bodies the fuzz test found a 500 or a hang with, each kept as a case of its own.</summary>
public sealed class BodyEdgeCaseTests
{
    /// <summary>A repeated member name made the transforms' JSON tree throw (caveman and token saver rewrite the body).</summary>
    [Theory]
    [InlineData("v1/chat/completions", """{"model":"oai/m","messages":[{"role":"user","content":"hi"}],"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("v1/messages", """{"model":"ant/m","max_tokens":16,"max_tokens":16,"messages":[{"role":"user","content":"hi","role":"user"}]}""")]
    [InlineData("v1/responses", """{"model":"resp/m","input":"hi","input":"hi","store":false}""")]
    [InlineData("v1beta/models/gem/m:generateContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}],"parts":[]}]}""")]
    public async Task Caveman_BodyRepeatsAMemberName_ForwardedAsSent(string path, string body)
    {
        await using var harness = await RouterHarness.StartAsync(FourFormatServer.Providers + "\nserver: { token_saver: true, token_saver_min_chars: 0, caveman: lite }\n");
        using var http = harness.Http();
        using var response = await http.PostAsync(path, ChatCompletionsSdkTests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Untouched but for the model the passthrough names (no caveman line: the transforms leave such a body alone).
        string model = ModelOf(body);
        string expected = model.Length == 0 ? body : body.Replace($"\"model\":\"{model}\"", "\"model\":\"m\"", StringComparison.Ordinal);
        Assert.Equal(expected, harness.Upstream.LastRequest!.BodyText);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }

    /// <summary>The admin API reads its bodies as a JSON tree too: a repeated name was a bare 500 there.</summary>
    [Fact]
    public async Task AdminApi_BodyRepeatsAMemberName_Is400InvalidJson()
    {
        await using var harness = await RouterHarness.StartAsync(FourFormatServer.Providers);
        using var http = harness.Http();
        using var response = await http.PostAsync("api/combos", ChatCompletionsSdkTests.Json("""{"name":"x","name":"y","targets":["oai/m"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        byte[] answer = await response.Content.ReadAsByteArrayAsync();
        Assert.True(ErrorShapes.Matches(ErrorShape.OpenAI, answer));
        Assert.Contains("appears twice", ErrorShapes.Message(answer), StringComparison.Ordinal);
    }

    /// <summary>An input-type error before "model" left the count route with no model to resolve.</summary>
    [Fact]
    public async Task ResponsesInputTokens_BadInputBeforeModel_Is400()
    {
        await using var harness = await RouterHarness.StartAsync(FourFormatServer.Providers);
        using var http = harness.Http();
        using var response = await http.PostAsync("v1/responses/input_tokens", ChatCompletionsSdkTests.Json("""{"input":1e-400,"model":"gem/m"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(ErrorShapes.Matches(ErrorShape.OpenAI, await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>
    /// BPE cost grows with the square of one unbroken run: 200,000 letters took over 30 s of CPU (the client's timeout
    /// here). Counted in slices, the estimate answers, and within a few tokens of one per two letters as o200k gives.
    /// </summary>
    [Fact]
    public async Task CountTokens_OneVeryLongWord_Estimated()
    {
        await using var harness = await RouterHarness.StartAsync(FourFormatServer.Providers);
        using var http = harness.Http();
        string body = "{\"model\":\"oai/m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('q', 200_000) + "\"}]}";
        using var response = await http.PostAsync("v1/messages/count_tokens", ChatCompletionsSdkTests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var count = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.InRange(count.RootElement.GetProperty("input_tokens").GetInt32(), 100_000, 100_010);
    }

    private static string ModelOf(string body)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
        return document.RootElement.TryGetProperty("model", out var model) ? model.GetString()! : "";
    }
}
