using System.Text;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Gemini;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiRequestReaderTests
{
    [Theory]
    [InlineData("""[1]""", null, "expected an object")]
    [InlineData("""{"generationConfig":{}}""", "contents", "required property is missing")]
    [InlineData("""{"contents":{}}""", "contents", "expected an array")]
    [InlineData("""{"contents":[{"role":3,"parts":[]}]}""", "contents[0].role", "expected a string")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"image/png","data":"not base64!"}}]}]}""", "contents[0].parts[0].inlineData.data", "is not valid base64")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"inlineData":{"data":"AAAA"}}]}]}""", "contents[0].parts[0].inlineData.mimeType", "required property is missing")]
    [InlineData("""{"contents":[{"role":"model","parts":[{"functionCall":{"args":{}}}]}]}""", "contents[0].parts[0].functionCall.name", "required property is missing")]
    [InlineData("""{"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":[1]}}]}]}""", "contents[0].parts[0].functionCall.args", "expected an object")]
    [InlineData("""{"contents":[],"generationConfig":{"temperature":"hot"}}""", "generationConfig.temperature", "expected a number")]
    [InlineData("""{"contents":[],"tools":[{"functionDeclarations":[{"description":"d"}]}]}""", "tools[0].functionDeclarations[0].name", "required property is missing")]
    [InlineData("""{"contents":[],"toolConfig":{"functionCallingConfig":{"mode":1}}}""", "toolConfig.functionCallingConfig.mode", "expected a string")]
    public void Read_BadInput_ThrowsNamingTheField(string json, string? param, string detail)
    {
        var error = Assert.Throws<GeminiFormatException>(() => GeminiRequestReader.Read(Encoding.UTF8.GetBytes(json), "m"));

        Assert.Equal(param, error.Param);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
        if (param is not null)
        {
            Assert.StartsWith(param + ": ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_NotJson_ThrowsWithoutParam()
    {
        var error = Assert.Throws<GeminiFormatException>(() => GeminiRequestReader.Read("{\"contents\":"u8.ToArray(), "m"));

        Assert.Null(error.Param);
        Assert.StartsWith("the body is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UrlSafeBase64_IsStandardInCanonicalImage()
    {
        var request = GeminiRequestReader.Read(GeminiFixtureData.Load("image-inline-base64").RequestBody, "gemini-2.5-flash");

        var image = Assert.IsType<ImagePart>(request.Messages[0].Parts[1]);
        Assert.Equal("image/png", image.MediaType);
        Assert.DoesNotContain('_', image.Base64Data!);
        Assert.DoesNotContain('-', image.Base64Data!);
        Assert.Equal(0, image.Base64Data!.Length % 4);
        Assert.NotEmpty(Convert.FromBase64String(image.Base64Data));
    }

    [Fact]
    public void Read_IdlessCallsAndResponses_PairByNameInOrderWithStableIds()
    {
        var request = GeminiRequestReader.Read(GeminiFixtureData.Load("parallel-function-responses-roundtrip").RequestBody, "gemini-2.5-flash");

        var calls = request.Messages[1].Parts.OfType<ToolCallPart>().ToList();
        var results = request.Messages[2].Parts.OfType<ToolResultPart>().ToList();
        Assert.Equal(["gcall_1_0", "gcall_1_1"], calls.Select(c => c.Id));
        Assert.Equal(["gcall_1_0", "gcall_1_1"], results.Select(r => r.ToolCallId));
        Assert.StartsWith("CtICAdHtim9B", calls[0].Signature, StringComparison.Ordinal);
        Assert.Null(calls[1].Signature);
        Assert.Equal("""{"output": "Welcome to Moria!"}""", ((TextPart)results[0].Content[0]).Text);
        Assert.Equal("Use parallel tool calling.", ((TextPart)request.System[0]).Text);
    }

    [Fact]
    public void Read_ConfigFixtures_MapToCanonicalSlots()
    {
        var thinking = GeminiRequestReader.Read(GeminiFixtureData.Load("generation-config").RequestBody, "gemini-2.5-flash");
        var tools = GeminiRequestReader.Read(GeminiFixtureData.Load("tool-config-any").RequestBody, "gemini-2.0-flash");
        var schema = GeminiRequestReader.Read(GeminiFixtureData.Load("structured-output-response-json-schema").RequestBody, "gemini-2.5-flash");
        var snake = GeminiRequestReader.Read(GeminiFixtureData.Load("thinking-include-thoughts").RequestBody, "gemini-3-pro-preview");

        Assert.Equal(200, thinking.MaxOutputTokens);
        Assert.Equal(50, thinking.Reasoning!.BudgetTokens);
        Assert.Equal(ToolChoiceMode.Required, tools.ToolChoice!.Mode);
        Assert.Equal("""{"properties":{"bar":{"type":"string"}},"required":["bar"],"type":"object"}""", tools.Tools[1].ParametersJson);
        Assert.Equal(ResponseFormatKind.JsonSchema, schema.ResponseFormat!.Kind);
        Assert.True(snake.Reasoning!.IncludeThoughts);
        Assert.Equal("""{"additionalProperties": false, "properties": {}, "type": "object"}""".Replace(" ", "", StringComparison.Ordinal), snake.Tools[0].ParametersJson!.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }
}
