using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class JsonCompressorTests
{
    [Fact]
    public void Compress_PrettyJson_IsMinifiedWithEscapesAndNumbersAsWritten()
    {
        string json = "{\n  \"name\": \"caf\\u00e9 \\\"x\\\"\",\n  \"n\": 1.50e3,\n  \"ok\": true,\n  \"none\": null,\n  \"list\": [1, 2]\n}\n";
        Assert.Equal("{\"name\":\"caf\\u00e9 \\\"x\\\"\",\"n\":1.50e3,\"ok\":true,\"none\":null,\"list\":[1,2]}\n", JsonCompressor.Compress(json));
    }

    [Fact]
    public void Compress_SameShapeObjectsInARow_BecomeKeysAndRows()
    {
        string json = "[{\"id\": \"a\", \"v\": 1}, {\"id\": \"b\", \"v\": 2}, {\"id\": \"c\", \"v\": {\"deep\": [3]}}, {\"other\": 1, \"v\": 0}]";
        string output = JsonCompressor.Compress(json)!;
        string[] lines = output.Split('\n');
        Assert.StartsWith("[json minified;", lines[0], StringComparison.Ordinal);
        Assert.Equal("[{\"id\",\"v\"}=[[\"a\",1],[\"b\",2],[\"c\",{\"deep\":[3]}]],{\"other\":1,\"v\":0}]", lines[1]);
    }

    [Fact]
    public void Compress_MapOfSameShapeObjects_BecomesKeysAndNamedRows()
    {
        string json = "{\"dependencies\": {\"a\": {\"version\": \"1.0.0\", \"overridden\": false}, \"b\": {\"version\": \"2.0.0\", \"overridden\": false},"
            + " \"c\": {\"version\": \"3.0.0\", \"overridden\": true}}}";
        string output = JsonCompressor.Compress(json)!;
        Assert.EndsWith("{\"dependencies\":{\"version\",\"overridden\"}={\"a\":[\"1.0.0\",false],\"b\":[\"2.0.0\",false],\"c\":[\"3.0.0\",true]}}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_JsonLinesAndTrailingText_KeepBoth()
    {
        string text = "{\"a\": 1}\n{\"a\": 2}\nnpm warn something happened\n";
        Assert.Equal("{\"a\":1}\n{\"a\":2}\nnpm warn something happened\n", JsonCompressor.Compress(text));
    }

    [Theory]
    [InlineData("{ node: '20.20.2' }")]
    [InlineData("[ 50%] Building C object")]
    [InlineData("not json")]
    public void Compress_NotJson_ReturnsNull(string text) => Assert.Null(JsonCompressor.Compress(text));
}
