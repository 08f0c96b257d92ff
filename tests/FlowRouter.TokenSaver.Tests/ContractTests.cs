using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Tests;

/// <summary>
/// What every compressor promises, checked for each kind: it never throws (even on another kind's output), never
/// makes the text longer, gives the same bytes for the same input, and leaves text it does not recognise alone.
/// </summary>
public sealed class ContractTests
{
    private const string Prose =
        "The quick brown fox jumps over the lazy dog.\nIt was the best of times, it was the worst of times.\n"
        + "Nothing here looks like the output of a tool.\n";

    public static TheoryData<string> Kinds()
    {
        var data = new TheoryData<string>();
        foreach (string kind in OutputKinds.All)
        {
            data.Add(kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compress_ProseAsAnyKind_PassesThroughUnchanged(string kind)
    {
        CompressionResult result = ToolOutputCompressor.Compress(Prose, kind);
        Assert.False(result.Changed);
        Assert.Same(Prose, result.Text);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Run_EveryCorpusSampleAsThisKind_NeverThrowsNeverGrowsAndIsDeterministic(string kind)
    {
        foreach (string id in Corpus.Ids())
        {
            string text = TerminalCleanup.Clean(Corpus.Load(id).Text, out _);
            string? first = ToolOutputCompressor.Run(kind, text);
            string? second = ToolOutputCompressor.Run(kind, text);
            Assert.Equal(first, second);
            CompressionResult result = ToolOutputCompressor.Compress(text, kind);
            Assert.True(result.Text.Length <= text.Length, $"{kind} grew {id}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compress_EmptyAndTinyInputs_ComeBackAsTheyWere(string kind)
    {
        foreach (string text in new[] { "", "\n", "x", "{", "[", "--", "@@", "commit", " \t \n" })
        {
            CompressionResult result = ToolOutputCompressor.Compress(text, kind);
            Assert.Equal(text, result.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compress_TextAKindReadsAsNoiseOnly_IsNeverCondensedToNothing(string kind)
    {
        // Each is all noise to some compressor: git's hints, a legend without rows, restore chatter.
        string[] inputs =
        [
            "  (use \"git add <file>...\" to include in what will be committed)\n",
            "Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files\n||/ Name Version Architecture Description\n",
            "  Determining projects to restore...\n  All projects are up-to-date for restore.\n",
        ];
        foreach (string text in inputs)
        {
            Assert.False(Lines.IsBlank(ToolOutputCompressor.Compress(text, kind).Text), $"{kind} emptied {text}");
        }
    }

    [Fact]
    public void Compress_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => ToolOutputCompressor.Compress("x", "nope"));
    }

    [Fact]
    public void Compress_ResultCounts_MatchTheTexts()
    {
        string text = "\u001b[31mred\u001b[0m\n";
        CompressionResult result = ToolOutputCompressor.Compress(text);
        Assert.True(result.Changed);
        Assert.Equal("red\n", result.Text);
        Assert.Equal(text.Length, result.CharsBefore);
        Assert.Equal(4, result.CharsAfter);
    }
}
