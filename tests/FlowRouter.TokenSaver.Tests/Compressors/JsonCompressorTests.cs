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
    public void Compress_NpmErrorLinesBeforeTheJson_StayAboveIt()
    {
        // npm ls --json with problems: npm's stderr lines come first.
        string text = "npm error code ELSPROBLEMS\nnpm error missing: left-pad@^1.0.0\n{\n  \"name\": \"node\",\n  \"problems\": [\n    \"missing: left-pad@^1.0.0\"\n  ]\n}\n"
            + "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n";
        Assert.Equal("npm error code ELSPROBLEMS\nnpm error missing: left-pad@^1.0.0\n{\"name\":\"node\",\"problems\":[\"missing: left-pad@^1.0.0\"]}\n"
            + "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n", JsonCompressor.Compress(text));
        Assert.Equal(OutputKinds.Json, KindDetector.Detect(text));
    }

    [Fact]
    public void Compress_SameShapeObjectsInARow_BecomeKeysAndRows()
    {
        string json = "[{\"id\": \"a\", \"v\": 1}, {\"id\": \"b\", \"v\": 2}, {\"id\": \"c\", \"v\": {\"deep\": [3]}}, {\"other\": 1, \"v\": 0}]";
        string output = JsonCompressor.Compress(json)!;
        string[] lines = output.Split('\n');
        // The legend explains the rows and nothing the output does not use.
        Assert.Equal("[json minified; {\"k1\",\"k2\"}=[[v1,v2],…] is [{\"k1\":v1,\"k2\":v2},…]]", lines[0]);
        Assert.Equal("[{\"id\",\"v\"}=[[\"a\",1],[\"b\",2],[\"c\",{\"deep\":[3]}]],{\"other\":1,\"v\":0}]", lines[1]);
    }

    [Fact]
    public void Compress_MapOfSameShapeObjects_BecomesKeysAndNamedRows()
    {
        string json = "{\"dependencies\": {\"a\": {\"version\": \"1.0.0\", \"overridden\": false}, \"b\": {\"version\": \"2.0.0\", \"overridden\": false},"
            + " \"c\": {\"version\": \"3.0.0\", \"overridden\": true}}}";
        string[] lines = JsonCompressor.Compress(json)!.Split('\n');
        Assert.Equal("[json minified; {\"k1\",\"k2\"}={\"n\":[v1,v2],…} is {\"n\":{\"k1\":v1,\"k2\":v2},…}]", lines[0]);
        Assert.Equal("{\"dependencies\":{\"version\",\"overridden\"}={\"a\":[\"1.0.0\",false],\"b\":[\"2.0.0\",false],\"c\":[\"3.0.0\",true]}}", lines[1]);
    }

    [Fact]
    public void Compress_RowsAndMapBoth_ExplainsBothInOneLegend()
    {
        string Dep(string name) => $"\"{name}\": {{\"version\": \"1.0.0\", \"overridden\": false}}";
        string json = "{\"deps\": {" + string.Join(", ", new[] { "a", "b", "c" }.Select(Dep)) + "}, \"list\": [{\"x\": 1, \"y\": 0}, {\"x\": 2, \"y\": 0}, {\"x\": 3, \"y\": 0}]}";
        string[] lines = JsonCompressor.Compress(json)!.Split('\n');
        Assert.Equal("[json minified; {\"k1\",\"k2\"}=[[v1,v2],…] is [{\"k1\":v1,\"k2\":v2},…] and {\"k1\",\"k2\"}={\"n\":[v1,v2],…} is {\"n\":{\"k1\":v1,\"k2\":v2},…}]", lines[0]);
        Assert.Equal("{\"deps\":{\"version\",\"overridden\"}={\"a\":[\"1.0.0\",false],\"b\":[\"1.0.0\",false],\"c\":[\"1.0.0\",false]},\"list\":[{\"x\",\"y\"}=[[1,0],[2,0],[3,0]]]}", lines[1]);
    }

    [Fact]
    public void Compress_ShapeWrittenKeyByKeyOften_GetsANameDefinedOnceInTheLegend()
    {
        // Patch operations scattered one per test case: never three in a row, so only a name can share their keys.
        string Case(int n) => $"{{\"doc\": {n}, \"patch\": [{{\"op\": \"add\", \"path\": \"/a{n}\", \"value\": {n}}}], \"ok\": {{\"x\": 1, \"y\": 2}}}}";
        string json = "[" + string.Join(", ", Enumerable.Range(0, 4).Select(Case)) + ", 7]";
        string[] lines = JsonCompressor.Compress(json)!.Split('\n');
        Assert.EndsWith("; objects of a named shape are written #N[v1,v2] for {\"k1\":v1,\"k2\":v2}: #1={\"op\",\"path\",\"value\"}]", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[{\"doc\",\"patch\",\"ok\"}=[[0,[#1[\"add\",\"/a0\",0]],{\"x\":1,\"y\":2}],[1,[#1[\"add\",\"/a1\",1]]", lines[1], StringComparison.Ordinal);
        // Two-key objects read better as they are; the output is the same every time.
        Assert.DoesNotContain("#2", lines[0], StringComparison.Ordinal);
        Assert.Equal(JsonCompressor.Compress(json), JsonCompressor.Compress(json));
    }

    [Fact]
    public void Compress_ShapeWrittenKeyByKeyRarely_StaysAsItIs()
    {
        string json = "[{\"op\": \"add\", \"path\": \"/a\", \"value\": 1}, 5, {\"op\": \"remove\", \"path\": \"/b\", \"value\": 2}]";
        Assert.Equal("[{\"op\":\"add\",\"path\":\"/a\",\"value\":1},5,{\"op\":\"remove\",\"path\":\"/b\",\"value\":2}]", JsonCompressor.Compress(json));
    }

    [Fact]
    public void Compress_ValueRepeatedWordForWord_IsWrittenOnceAndReferredTo()
    {
        // A REST listing: the same owner object on every repository; the short license object is left written out.
        const string owner = "{\"login\": \"octo\", \"id\": 583231, \"url\": \"https://api.example/users/octo\"}";
        string Repo(string name) => $"{{\"name\": \"{name}\", \"owner\": {owner}, \"license\": {{\"key\": \"mit\"}}}}";
        string json = "[" + Repo("a") + ", 5, " + Repo("b") + ", 6, " + Repo("c") + "]";
        string[] lines = JsonCompressor.Compress(json)!.Split('\n');
        Assert.EndsWith("; *N is the same value as the one marked &N]", lines[0], StringComparison.Ordinal);
        Assert.Equal("[{\"name\":\"a\",\"owner\":&1{\"login\":\"octo\",\"id\":583231,\"url\":\"https://api.example/users/octo\"},\"license\":{\"key\":\"mit\"}},5,"
            + "{\"name\":\"b\",\"owner\":*1,\"license\":{\"key\":\"mit\"}},6,{\"name\":\"c\",\"owner\":*1,\"license\":{\"key\":\"mit\"}}]", lines[1]);
    }

    [Fact]
    public void Compress_RepeatedRowsAndNamedShapes_CarryOneMarkEach()
    {
        // Whole rows of a table repeat, and a named-shape object repeats: each first occurrence is marked once.
        const string row = "{\"framework\": \"net8.0\", \"packages\": [\"Newtonsoft.Json\", \"xunit.runner.visualstudio\"]}";
        string Op(int n) => $"{{\"op\": \"replace\", \"path\": \"/configuration/sinks/{n}\", \"value\": 12345}}";
        string json = "[[" + row + ", " + row + ", " + row + "], " + string.Join(", 0, ", new[] { 0, 1, 2, 3, 0 }.Select(Op)) + "]";
        string[] lines = JsonCompressor.Compress(json)!.Split('\n');
        Assert.Contains("#1={\"op\",\"path\",\"value\"}", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[{\"framework\",\"packages\"}=[&1[\"net8.0\",[\"Newtonsoft.Json\",\"xunit.runner.visualstudio\"]],*1,*1]", lines[1][1..], StringComparison.Ordinal);
        Assert.Contains(",&2#1[\"replace\",\"/configuration/sinks/0\",12345],0,#1[", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",0,*2]", lines[1], StringComparison.Ordinal);
        Assert.Single(lines[1].Split("&2").Skip(1));
    }

    [Fact]
    public void Compress_JsonLinesAndTrailingText_KeepBoth()
    {
        string text = "{\"a\": 1}\n{\"a\": 2}\nnpm warn something happened\n";
        Assert.Equal("{\"a\":1}\n{\"a\":2}\nnpm warn something happened\n", JsonCompressor.Compress(text));
    }

    [Fact]
    public void Compress_NodeObjectLiteral_LosesWhitespaceOutsideStrings()
    {
        string literal = "{\n  target_defaults: {\n    cflags: [],\n    default_configuration: 'Release build',\n    defines: [ 'A=1', \"B 2\" ]\n  },\n  is_debug: 0\n}\n";
        Assert.Equal("{target_defaults:{cflags:[],default_configuration:'Release build',defines:['A=1',\"B 2\"]},is_debug:0}\n", JsonCompressor.Compress(literal));
    }

    [Theory]
    [InlineData("{ node 20 }")]
    [InlineData("[ 50%] Building C object")]
    [InlineData("not json")]
    public void Compress_NotJson_ReturnsNull(string text) => Assert.Null(JsonCompressor.Compress(text));
}
