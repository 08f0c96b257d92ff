using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatCanonicalMappingTests
{
    [Fact]
    public void Read_ToolResultRoundtrip_MapsCallAndResult()
    {
        var request = OpenAIChatRequestReader.Read(OpenAIChatFixtureData.Load("tool-result-roundtrip").RequestBody);

        var call = Assert.IsType<ToolCallPart>(Assert.Single(request.Messages[1].Parts));
        Assert.Equal(("call_rQvZ9upGjXJlbI3FYZ43qGgu", "get_favorite_color", "{}"), (call.Id, call.Name, call.ArgumentsJson));
        Assert.False(request.Messages[1].ContentIsNull);
        var toolMessage = request.Messages[2];
        Assert.Equal(ChatRole.Tool, toolMessage.Role);
        var result = Assert.IsType<ToolResultPart>(Assert.Single(toolMessage.Parts));
        Assert.Equal("call_rQvZ9upGjXJlbI3FYZ43qGgu", result.ToolCallId);
        Assert.True(result.ContentIsString);
        Assert.Equal("green", Assert.IsType<TextPart>(Assert.Single(result.Content)).Text);
        var tool = Assert.Single(request.Tools);
        Assert.Null(tool.ParametersJson);
    }

    [Fact]
    public void Read_ParallelToolCallsResponse_MapsBothCallsAndFinish()
    {
        var response = OpenAIChatResponseReader.Read(OpenAIChatFixtureData.Load("parallel-tool-calls").ResponseBody);

        var calls = response.Message.Parts.OfType<ToolCallPart>().ToList();
        Assert.Equal(["call_SKQEHo7QVlJRoCtEzcrYZM9C", "call_CkjljlLr7IebPc4hnvetfiZ8"], calls.Select(c => c.Id));
        Assert.Equal("{\"city_name\": \"Santiago\"}", calls[0].ArgumentsJson);
        Assert.Equal(FinishReason.ToolCalls, response.FinishReason);
        Assert.True(response.Message.ContentIsNull);
    }

    [Fact]
    public void Read_ImageBase64_SplitsDataUrl()
    {
        var request = OpenAIChatRequestReader.Read(OpenAIChatFixtureData.Load("image-base64").RequestBody);

        var image = Assert.IsType<ImagePart>(request.Messages[0].Parts[1]);
        Assert.Equal("image/png", image.MediaType);
        Assert.StartsWith("iVBORw0KGgo", image.Base64Data, StringComparison.Ordinal);
        Assert.Null(image.Url);
        Assert.Equal("auto", image.Detail);
    }

    [Fact]
    public void Read_DeveloperRole_KeepsRoleAndEffort()
    {
        var request = OpenAIChatRequestReader.Read(OpenAIChatFixtureData.Load("developer-role-reasoning-effort").RequestBody);

        Assert.Equal(ChatRole.Developer, request.Messages[0].Role);
        Assert.True(request.Messages[0].Role.IsSystemLike);
        Assert.Equal("low", request.Reasoning?.Effort);
        Assert.Empty(request.System);
    }

    [Fact]
    public void Read_LegacyFunctionCall_MapsToToolsAndLegacyCall()
    {
        var fixture = OpenAIChatFixtureData.Load("legacy-function-call");

        var request = OpenAIChatRequestReader.Read(fixture.RequestBody);
        var response = OpenAIChatResponseReader.Read(fixture.ResponseBody);

        Assert.True(request.LegacyFunctions);
        Assert.Equal("get_favorite_color_for_month", Assert.Single(request.Tools).Name);
        var call = Assert.IsType<ToolCallPart>(Assert.Single(response.Message.Parts));
        Assert.True(call.LegacyFunctionCall);
        Assert.Equal("{\"month_name\":\"February\"}", call.ArgumentsJson);
        Assert.Equal(FinishReason.ToolCalls, response.FinishReason);
        Assert.Contains("\"finish_reason\":\"function_call\"", System.Text.Encoding.UTF8.GetString(OpenAIChatResponseWriter.Write(response)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CachedTokensUsage_MapsCacheRead()
    {
        var response = OpenAIChatResponseReader.Read(OpenAIChatFixtureData.Load("cached-tokens-usage").ResponseBody);

        Assert.Equal(3663, response.Usage!.InputTokens);
        Assert.Equal(3584, response.Usage.CacheReadTokens);
        Assert.Equal(117, response.Usage.OutputTokens);
        Assert.Equal("0", response.Usage.Extensions!.Get("prompt_tokens_details.audio_tokens"));
    }

    [Fact]
    public void Read_ReasoningTokensUsage_MapsReasoningAndMaxCompletionTokens()
    {
        var fixture = OpenAIChatFixtureData.Load("reasoning-tokens-usage");

        var request = OpenAIChatRequestReader.Read(fixture.RequestBody);
        var response = OpenAIChatResponseReader.Read(fixture.ResponseBody);

        Assert.Equal((2148, "max_completion_tokens"), (request.MaxOutputTokens, request.MaxOutputTokensField));
        Assert.Equal(128, response.Usage!.ReasoningTokens);
        Assert.Equal(863, response.Usage.OutputTokens);
    }

    [Fact]
    public void Read_UnknownFinishReason_IsOtherNotStop()
    {
        var response = OpenAIChatResponseReader.Read("""{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"a"},"finish_reason":"eos_token"}]}"""u8.ToArray());

        Assert.Equal(FinishReason.Other("eos_token"), response.FinishReason);
        Assert.NotEqual(FinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public void Read_SeveralChoices_KeepsOnlyTheFirst()
    {
        var response = OpenAIChatResponseReader.Read("""{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"a"},"finish_reason":"stop"},{"index":1,"message":{"role":"assistant","content":"b"},"finish_reason":"stop"}]}"""u8.ToArray());

        Assert.Equal("a", Assert.IsType<TextPart>(Assert.Single(response.Message.Parts)).Text);
    }

    [Fact]
    public void Read_StructuredRefusal_MapsRefusalPart()
    {
        var response = OpenAIChatResponseReader.Read(OpenAIChatFixtureData.Load("structured-refusal").ResponseBody);

        Assert.Equal("I'm very sorry, but I can't assist with that request.", Assert.IsType<RefusalPart>(Assert.Single(response.Message.Parts)).Text);
    }

    [Fact]
    public void Read_WebSearchAnnotations_AttachesToText()
    {
        var response = OpenAIChatResponseReader.Read(OpenAIChatFixtureData.Load("web-search-annotations").ResponseBody);

        var text = Assert.IsType<TextPart>(Assert.Single(response.Message.Parts));
        Assert.Contains("url_citation", text.AnnotationsJson, StringComparison.Ordinal);
    }
}
