using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class GitStatusCompressorTests
{
    [Fact]
    public void Compress_LongFormat_DropsHintsAndPadding()
    {
        string status = "On branch main\nChanges not staged for commit:\n  (use \"git add <file>...\" to update what will be committed)\n"
            + "\tmodified:   README.md\n\nno changes added to commit (use \"git add\" and/or \"git commit -a\")\n";
        Assert.Equal("On branch main\nChanges not staged for commit:\n\tmodified: README.md\n", GitStatusCompressor.Compress(status));
    }

    [Fact]
    public void Compress_PorcelainV2_KeepsStateScoreAndPaths()
    {
        string status = "# branch.oid adbc8813901bba65827259daa8e22ff94ec1f30e\n# branch.head main\n"
            + "1 .M N... 100644 100644 100644 7bf8c389f1f5db19216a265d23b5b21c9e12cfec 7bf8c389f1f5db19216a265d23b5b21c9e12cfec args.go\n"
            + "2 R. N... 100644 100644 100644 560612fd338fd92a79db261df0e46f8c72630f39 560612fd338fd92a79db261df0e46f8c72630f39 R100 new name.go\told.go\n"
            + "? coverage.out\n";
        Assert.Equal("# branch.oid adbc881390\n# branch.head main\n1 .M args.go\n2 R. R100 new name.go\told.go\n? coverage.out\n", GitStatusCompressor.Compress(status));
    }

    [Fact]
    public void Compress_ShortFormat_ReturnsNull() => Assert.Null(GitStatusCompressor.Compress(" M a.go\n?? b.go\n"));
}
