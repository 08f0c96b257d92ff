namespace FlowRouter.TokenSaver.Tests;

/// <summary>Every sample of the tool-output corpus: every must-keep fact survives, with the kind given and detected.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Samples() => Corpus.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Compress_GivenTheSampleKind_KeepsEveryMustKeepFact(string id)
    {
        Corpus.Sample sample = Corpus.Load(id);
        CompressionResult result = ToolOutputCompressor.Compress(sample.Text, sample.Kind);
        AssertKeepsFacts(sample, result);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Compress_WithAutoDetection_KeepsEveryMustKeepFact(string id)
    {
        Corpus.Sample sample = Corpus.Load(id);
        CompressionResult result = ToolOutputCompressor.Compress(sample.Text);
        AssertKeepsFacts(sample, result);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_FirstFewKilobytes_NamesTheSampleKindOrLeavesItAlone(string id)
    {
        Corpus.Sample sample = Corpus.Load(id);
        string detected = ToolOutputCompressor.Detect(sample.Text.AsSpan(0, Math.Min(sample.Text.Length, ToolOutputCompressor.DetectionWindow)));
        // A bare list of paths may be `grep -l` output as well as `find` output, and plain `ls` is a list of names:
        // detection leaves those as text (passed through) rather than guess.
        bool ambiguousList = (sample.Kind is OutputKinds.Find or OutputKinds.Ls) && detected == OutputKinds.Text;
        // npm's tree without --all draws like tree; both compressors keep every name@version.
        bool npmTree = sample.Kind == OutputKinds.PackageList && detected == OutputKinds.Tree;
        Assert.True(detected == sample.Kind || ambiguousList || npmTree, $"{id}: detected {detected}");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Compress_SameSampleTwice_GivesTheSameText(string id)
    {
        Corpus.Sample sample = Corpus.Load(id);
        Assert.Equal(ToolOutputCompressor.Compress(sample.Text).Text, ToolOutputCompressor.Compress(sample.Text).Text);
    }

    private static void AssertKeepsFacts(Corpus.Sample sample, CompressionResult result)
    {
        Assert.True(result.Text.Length <= sample.Text.Length, "the output grew");
        Assert.Equal(result.Text.Length, result.CharsAfter);
        string output = Corpus.Normalise(result.Text);
        var missing = sample.MustKeep.Where(f => !output.Contains(Corpus.Normalise(f), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{sample.Kind}/{sample.Name} ({result.Kind}) lost: {string.Join(" | ", missing.Take(5))}");
    }
}
