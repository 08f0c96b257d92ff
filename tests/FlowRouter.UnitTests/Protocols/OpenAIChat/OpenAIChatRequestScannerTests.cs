using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatRequestScannerTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void Scan_FixtureRequest_FindsModelStreamAndUsage(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;

        var scan = OpenAIChatRequestScanner.Scan(body);

        Assert.True(scan.IsValid, scan.Error);
        Assert.Equal(root.GetProperty("model").GetString(), scan.Model);
        Assert.Equal(root.TryGetProperty("stream", out var stream) && stream.GetBoolean(), scan.Stream);
        bool? includeUsage = root.TryGetProperty("stream_options", out var options) ? options.GetProperty("include_usage").GetBoolean() : null;
        Assert.Equal(includeUsage, scan.IncludeUsage);
        Assert.Equal(includeUsage is not null, scan.HasStreamOptions);
        Assert.True(scan.HasMessages && scan.MessagesIsArray);
        Assert.Equal("\"" + scan.Model + "\"", Encoding.UTF8.GetString(body, scan.ModelTokenOffset, scan.ModelTokenLength));
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void RewriteModel_FixtureRequest_ChangesOnlyModel(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        const string newModel = "vendor/mödel \"q\" \\ \n\t\u0001 ✓";

        string rewritten = Rewrite(body, newModel);

        using var original = JsonDocument.Parse(body);
        using var result = JsonDocument.Parse(rewritten);
        Assert.Equal(newModel, result.RootElement.GetProperty("model").GetString());
        foreach (var property in original.RootElement.EnumerateObject().Where(p => p.Name != "model"))
        {
            JsonAssert.Equal(property.Value, result.RootElement.GetProperty(property.Name));
        }
        Assert.True(OpenAIChatRequestScanner.Scan(Encoding.UTF8.GetBytes(rewritten)).IsValid);
    }

    [Fact]
    public void RewriteModel_EscapedOriginalModel_ReplacesWholeToken()
    {
        byte[] body = """{"messages":[],"model":"a\"b\u00e9","stream":true}"""u8.ToArray();

        string rewritten = Rewrite(body, "gpt-4o");

        Assert.Equal("""{"messages":[],"model":"gpt-4o","stream":true}""", rewritten);
    }

    [Theory]
    [InlineData("[]", null)]
    [InlineData("\"text\"", null)]
    [InlineData("{\"messages\":[]}", "model")]
    [InlineData("{\"model\":42,\"messages\":[]}", "model")]
    [InlineData("{\"model\":null,\"messages\":[]}", "model")]
    [InlineData("{\"model\":\"\",\"messages\":[]}", "model")]
    [InlineData("{\"model\":\"m\"}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":{}}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"stream\":\"yes\"}", "stream")]
    [InlineData("{\"model\":\"m\",\"messages\":[],\"stream_options\":{\"include_usage\":1}}", "stream_options.include_usage")]
    [InlineData("{\"model\":\"m\",\"messages\":[]} trailing", null)]
    [InlineData("{\"model\":\"m\",\"messages\":[],}", null)]
    [InlineData("", null)]
    public void Scan_InvalidBody_ReportsErrorAndParam(string json, string? param)
    {
        var scan = OpenAIChatRequestScanner.Scan(Encoding.UTF8.GetBytes(json));

        Assert.False(scan.IsValid);
        Assert.False(string.IsNullOrEmpty(scan.Error));
        Assert.Equal(param, scan.ErrorParam);
    }

    [Fact]
    public void Scan_StreamNull_IsNotStreaming()
    {
        var scan = OpenAIChatRequestScanner.Scan("""{"model":"m","messages":[],"stream":null}"""u8);

        Assert.True(scan.IsValid);
        Assert.False(scan.Stream);
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void Scan_EveryTruncatedPrefix_ReportsError(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        int end = body.AsSpan().TrimEnd(" \r\n\t"u8).Length;
        for (int length = 0; length < end; length++)
        {
            var scan = OpenAIChatRequestScanner.Scan(body.AsSpan(0, length));
            Assert.False(scan.IsValid, $"prefix of {length} bytes was accepted");
        }
    }

    private static string Rewrite(byte[] body, string newModel)
    {
        var scan = OpenAIChatRequestScanner.Scan(body);
        var output = new ArrayBufferWriter<byte>();
        OpenAIChatRequestScanner.RewriteModel(body, scan, newModel, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
