using System.Text;
using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

/// <summary>
/// Condensed JSON read back by its legend's rules (<see cref="CondensedJson"/>) is the JSON that went in: every key,
/// value and order, whatever mix of tables, named shapes and repeats the compressor chose.
/// </summary>
public sealed class JsonRoundTripTests
{
    public static TheoryData<string> JsonSamples()
    {
        var data = new TheoryData<string>();
        foreach (string id in Corpus.Ids().Where(id => id.StartsWith("json/", StringComparison.Ordinal)))
        {
            data.Add(id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonSamples))]
    public void Compress_CorpusJson_ReadsBackToTheSameJson(string id) => AssertRoundTrip(Corpus.Load(id).Text);

    [Fact]
    public void Compress_RestListingWithRepeatedOwners_ReadsBackToTheSameJson()
    {
        // Twelve repositories of two owners: runs of same-shape rows, repeated owner objects inside them, nested arrays.
        var sb = new StringBuilder("[");
        for (int r = 0; r < 12; r++)
        {
            string owner = r % 3 == 0
                ? "{\"login\": \"octo\", \"id\": 583231, \"type\": \"User\", \"url\": \"https://api.example/users/octo\"}"
                : "{\"login\": \"hubot\", \"id\": 7123, \"type\": \"Bot\", \"url\": \"https://api.example/users/hubot\"}";
            string topics = r % 2 == 0 ? "[\"cli\", \"json\", \"parser\", \"tokenizer\", \"streaming\"]" : "[]";
            sb.Append(r > 0 ? ", " : "").Append(
                $"{{\"id\": {1000 + r}, \"name\": \"repo-{r}\", \"private\": false, \"owner\": {owner}, \"topics\": {topics}, \"stars\": {r * 7}}}");
        }
        string json = sb.Append(']').ToString();
        string output = AssertRoundTrip(json);
        Assert.Contains("*1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_MapsNamedShapesAndRepeats_ReadBackToTheSameJson()
    {
        string Op(int n) => $"{{\"op\": \"replace\", \"path\": \"/sinks/{n % 5}\", \"value\": {{\"level\": \"Warning\", \"args\": [1, 2, 3]}}}}";
        string map = "{\"a\": {\"version\": \"1.0.0\", \"dev\": true}, \"b\": {\"version\": \"2.0.0\", \"dev\": false}, \"c\": {\"version\": \"1.0.0\", \"dev\": true}}";
        string json = "{\"deps\": " + map + ", \"again\": " + map + ", \"ops\": [" + string.Join(", 0, ", Enumerable.Range(0, 7).Select(Op)) + "]}\n"
            + "{\"line\": 2, \"deps\": " + map + "}\n";
        string output = AssertRoundTrip(json);
        Assert.Contains("#1", output, StringComparison.Ordinal);
        Assert.Contains("*", output, StringComparison.Ordinal);
    }

    private static string AssertRoundTrip(string json)
    {
        string output = JsonCompressor.Compress(json)!;
        Assert.Equal(CondensedJson.Minify(json), CondensedJson.Expand(output));
        return output;
    }
}
