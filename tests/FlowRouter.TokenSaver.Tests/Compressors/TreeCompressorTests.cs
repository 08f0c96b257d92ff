using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class TreeCompressorTests
{
    [Fact]
    public void Compress_UnicodeTree_BecomesOneLinePerDirectory()
    {
        string tree = "src\n├── Core\n│\u00a0\u00a0 ├── A.cs\n│\u00a0\u00a0 └── Sinks\n│\u00a0\u00a0     └── S.cs\n├── Empty\n└── Log.cs\n\n3 directories, 3 files\n";
        Assert.Equal("[… tree drawing omitted: each line is dir/: entries]\nsrc/: Core/ Empty Log.cs\nCore/: A.cs Sinks/\nCore/Sinks/: S.cs\n3 directories, 3 files\n",
            TreeCompressor.Compress(tree));
    }

    [Fact]
    public void Compress_AsciiTree_IsReadToo()
    {
        string tree = ".\n|-- a\n|   `-- b.txt\n`-- c.txt\n";
        Assert.Equal("[… tree drawing omitted: each line is dir/: entries]\n./: a/ c.txt\na/: b.txt\n", TreeCompressor.Compress(tree));
    }

    [Fact]
    public void Compress_NoDrawing_ReturnsNull() => Assert.Null(TreeCompressor.Compress("a\nb\nc\n"));
}
