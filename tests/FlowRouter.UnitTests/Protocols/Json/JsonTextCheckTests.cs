using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.Json;

namespace FlowRouter.UnitTests.Protocols.Json;

public sealed class JsonTextCheckTests
{
    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":"héllo wörld ✓ 😀"}""")]
    [InlineData("""{"a":"\ud83d\ude00 a pair"}""")]
    [InlineData("""{"a":"\\ud800 an escaped backslash, then text"}""")]
    [InlineData("""{"a":"\n\t\"\\\/\u0041\u0000"}""")]
    [InlineData("""{"\ud83d\ude00":1}""")]
    public void Find_DecodableText_IsNull(string json) => Assert.Null(JsonTextCheck.Find(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' }, 1)]
    [InlineData(new byte[] { (byte)'"', (byte)'a', 0xC0, 0x80, (byte)'"' }, 2)] // overlong NUL
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' }, 1)] // a surrogate encoded as UTF-8
    [InlineData(new byte[] { (byte)'"', (byte)'a', (byte)'b', 0xE2, 0x82 }, 3)] // cut short
    public void Find_InvalidUtf8_NamesItsOffset(byte[] json, int offset) =>
        Assert.Equal($"the bytes at offset {offset} are not valid UTF-8", JsonTextCheck.Find(json));

    [Theory]
    [InlineData("""{"a":"\ud800"}""", 6)]
    [InlineData("""{"a":"x\udc00"}""", 7)]
    [InlineData("""{"a":"\ud800\u0041"}""", 6)]
    [InlineData("""{"a":"\uDBFF\uDBFF"}""", 6)]
    [InlineData("""{"a":"\ud83d\ude00\ud83d"}""", 18)]
    [InlineData("""{"\udfff":1}""", 2)]
    public void Find_UnpairedSurrogateEscape_NamesItsOffset(string json, int offset)
    {
        string? problem = JsonTextCheck.Find(Encoding.UTF8.GetBytes(json));
        Assert.NotNull(problem);
        Assert.StartsWith($"the escape at offset {offset} leaves a UTF-16 surrogate unpaired", problem, StringComparison.Ordinal);
    }

    /// <summary>Whatever Find passes, the reader's GetString decodes (the property every later parse relies on).</summary>
    [Fact]
    public void Find_Null_MeansEveryStringDecodes()
    {
        var random = new Random(64);
        string[] pieces = ["a", "é", "😀", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\\\", "\\u0041", "\\n"];
        for (int i = 0; i < 2000; i++)
        {
            string text = string.Concat(Enumerable.Range(0, 4).Select(_ => pieces[random.Next(pieces.Length)]));
            byte[] json = Encoding.UTF8.GetBytes("[\"" + text + "\"]");
            bool decodes = true;
            try
            {
                var reader = new Utf8JsonReader(json);
                reader.Read();
                reader.Read();
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                decodes = false;
            }
            Assert.True(decodes == (JsonTextCheck.Find(json) is null), text);
        }
    }

    [Fact]
    public void Describe_BodyOneLevelPastMaxDepth_SaysSo()
    {
        byte[] json = Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 64) + new string(']', 64) + "}");
        Assert.Equal("it nests deeper than 64 levels", DescribeAfterFailure(json));
        Assert.StartsWith("syntax error", DescribeAfterFailure(Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 63) + new string(']', 62) + "}")), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SyntaxError_SaysLineAndByteOnly()
    {
        byte[] json = Encoding.ASCII.GetBytes("{\"secret\":\n tru }");
        // The reader's own message would quote what it found; the description gives only the place.
        Assert.StartsWith("syntax error at line 2, byte ", DescribeAfterFailure(json), StringComparison.Ordinal);
    }

    private static string DescribeAfterFailure(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTextCheck.MaxDepth });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return JsonTextCheck.Describe(ex, json, reader.CurrentDepth, reader.BytesConsumed);
        }
        throw new InvalidOperationException("the JSON was valid");
    }
}
