using System.Text;
using FlowRouter.Protocols.Gemini;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiRequestRoundTripTests
{
    [Theory]
    [MemberData(nameof(GeminiFixtureData.AllCases), MemberType = typeof(GeminiFixtureData))]
    public void ReadThenWrite_FixtureRequest_GivesSameJson(string name)
    {
        var fixture = GeminiFixtureData.Load(name);

        var request = GeminiRequestReader.Read(fixture.RequestBody, GeminiFixtureData.Model(name));
        byte[] written = GeminiRequestWriter.Write(request);

        JsonAssert.Equal(fixture.RequestBody, written);
        Assert.Equal(GeminiFixtureData.Model(name), request.Model);
    }

    [Theory]
    [InlineData("""{"contents":[],"generationConfig":{"temperature":0.5,"topP":0.9,"topK":40,"seed":7,"presencePenalty":0.1,"frequencyPenalty":-0.2,"stopSequences":["x"],"candidateCount":2,"responseLogprobs":true}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"responseMimeType":"application/json"}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"a":{"type":"STRING","nullable":true}}}}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"responseMimeType":"text/x.enum","responseSchema":{"type":"STRING","enum":["a","b"]}}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"thinkingConfig":{"thinkingBudget":0}}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"thinkingConfig":{"thinkingBudget":-1,"includeThoughts":false}}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"thinkingConfig":{"thinkingLevel":"low","includeThoughts":true}}}""")]
    [InlineData("""{"contents":[],"generationConfig":{"thinkingConfig":{}}}""")]
    [InlineData("""{"contents":[],"toolConfig":{"functionCallingConfig":{"mode":"VALIDATED"}},"tools":[{"functionDeclarations":[{"name":"f"}]}]}""")]
    [InlineData("""{"contents":[],"toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]},"retrievalConfig":{"languageCode":"en"}},"tools":[{"functionDeclarations":[{"name":"f"}]},{"googleSearch":{}},{"codeExecution":{},"urlContext":{}}]}""")]
    [InlineData("""{"contents":[],"toolConfig":{"functionCallingConfig":{"mode":"NONE"}},"cachedContent":"cachedContents/x","labels":{"a":"b"},"safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]}""")]
    [InlineData("""{"contents":[],"tool_config":{"function_calling_config":{"mode":"ANY","allowed_function_names":["a","b"]}},"generation_config":{"max_output_tokens":5,"thinking_config":{"thinking_budget":1024,"include_thoughts":true}},"system_instruction":{"parts":[{"text":"s"}]}}""")]
    public void ReadThenWrite_TopLevelShapes_GivesSameJson(string json) => AssertRoundTrip(json);

    [Theory]
    [InlineData("""{"role":"user","parts":[{"text":"a"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},{"inlineData":{"mimeType":"application/pdf","data":"JVBE-_8"}},{"fileData":{"mimeType":"video/mp4","fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc"},"videoMetadata":{"startOffset":"1s"}}]}""")]
    [InlineData("""{"role":"user","parts":[{"fileData":{"fileUri":"gs://b/o.png"}},{"inline_data":{"mime_type":"image/jpeg","data":"AAAA"}}]}""")]
    [InlineData("""{"role":"model","parts":[{"text":"hm","thought":true,"thoughtSignature":"c2ln"},{"text":"answer","thoughtSignature":"c2lnMg=="},{"executableCode":{"language":"PYTHON","code":"print(1)"}},{"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"1"}}]}""")]
    [InlineData("""{"role":"model","parts":[{"functionCall":{"name":"f","args":{"b":1.50,"a":[]},"id":"call-1"},"thoughtSignature":"c2ln"},{"functionCall":{"name":"g"}}]},{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"error":"boom"},"id":"call-1"}},{"functionResponse":{"name":"g","response":{"output":"x"},"willContinue":false}}]}""")]
    [InlineData("""{"parts":[{"text":"no role"}]},{"role":"user","parts":[]}""")]
    public void ReadThenWrite_ContentShapes_GivesSameJson(string contents) =>
        AssertRoundTrip("""{"contents":[""" + contents + "]}");

    private static void AssertRoundTrip(string json)
    {
        byte[] input = Encoding.UTF8.GetBytes(json);
        var request = GeminiRequestReader.Read(input, "gemini-2.5-flash");
        JsonAssert.Equal(input, GeminiRequestWriter.Write(request));
    }
}
