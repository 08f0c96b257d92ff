using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicRequestScannerTests
{
    [Theory]
    [MemberData(nameof(AnthropicFixtureData.AllCases), MemberType = typeof(AnthropicFixtureData))]
    public void Scan_FixtureRequest_FindsModelStreamAndMaxTokens(string name)
    {
        byte[] body = AnthropicFixtureData.Load(name).RequestBody;
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;

        var scan = AnthropicRequestScanner.Scan(body);

        Assert.True(scan.IsValid, scan.Error);
        Assert.Equal(root.GetProperty("model").GetString(), scan.Model);
        Assert.Equal(root.TryGetProperty("stream", out var stream) && stream.GetBoolean(), scan.Stream);
        Assert.Equal(root.GetProperty("max_tokens").GetInt32(), scan.MaxTokens);
        Assert.Equal("\"" + scan.Model + "\"", Encoding.UTF8.GetString(body, scan.ModelTokenOffset, scan.ModelTokenLength));
    }

    [Theory]
    [MemberData(nameof(AnthropicFixtureData.AllCases), MemberType = typeof(AnthropicFixtureData))]
    public void RewriteModel_FixtureRequest_ChangesOnlyModel(string name)
    {
        byte[] body = AnthropicFixtureData.Load(name).RequestBody;
        const string newModel = "claude/mödel \"q\" \\ \n ✓";
        var scan = AnthropicRequestScanner.Scan(body);
        var output = new ArrayBufferWriter<byte>();

        AnthropicRequestScanner.RewriteModel(body, scan, newModel, output);

        using var original = JsonDocument.Parse(body);
        using var result = JsonDocument.Parse(output.WrittenMemory);
        Assert.Equal(newModel, result.RootElement.GetProperty("model").GetString());
        foreach (var property in original.RootElement.EnumerateObject().Where(p => p.Name != "model"))
        {
            JsonAssert.Equal(property.Value, result.RootElement.GetProperty(property.Name));
        }
    }

    [Theory]
    [MemberData(nameof(SmallFixtureCases))]
    public void Scan_EveryTruncatedPrefix_IsRefusedWithoutThrowing(string name)
    {
        byte[] body = AnthropicFixtureData.Load(name).RequestBody;
        int end = body.AsSpan().TrimEnd("\r\n "u8).Length;

        for (int length = 0; length < end; length++)
        {
            Assert.False(AnthropicRequestScanner.Scan(body.AsSpan(0, length)).IsValid);
        }
    }

    public static TheoryData<string> SmallFixtureCases() =>
        ["text-basic", "stream-parallel-tool-use", "tool-result-roundtrip", "thinking-tool-use-stream"];

    [Theory]
    [InlineData("[]", null)]
    [InlineData("{\"messages\":[],\"max_tokens\":5}", "model")]
    [InlineData("{\"model\":42,\"messages\":[],\"max_tokens\":5}", "model")]
    [InlineData("{\"model\":\"\",\"messages\":[],\"max_tokens\":5}", "model")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":5}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":{},\"max_tokens\":5}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[]}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"max_tokens\":0}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"max_tokens\":-3}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"max_tokens\":1.5}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"max_tokens\":\"10\"}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"max_tokens\":5,\"stream\":\"yes\"}", "stream")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"max_tokens\":5} trailing", null)]
    [InlineData("", null)]
    public void Scan_InvalidBody_ReportsErrorAndParam(string json, string? param)
    {
        var scan = AnthropicRequestScanner.Scan(Encoding.UTF8.GetBytes(json));

        Assert.False(scan.IsValid);
        Assert.False(string.IsNullOrEmpty(scan.Error));
        Assert.Equal(param, scan.ErrorParam);
    }

    [Fact]
    public void Scan_ValidMinimalBody_IsValid()
    {
        var scan = AnthropicRequestScanner.Scan("""{"model":"claude","messages":[],"max_tokens":1,"stream":true}"""u8);

        Assert.True(scan.IsValid, scan.Error);
        Assert.True(scan.Stream);
        Assert.Equal(1, scan.MaxTokens);
    }
}
