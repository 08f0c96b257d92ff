using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class FindCompressorTests
{
    [Fact]
    public void Compress_Paths_AreGroupedByDirectoryInFirstSeenOrder()
    {
        string find = ".\n./src\n./src/a.py\n./src/b c.py\n./tests\n./tests/test_a.py\n./src/z.py\nfind: './secret': Permission denied\n";
        Assert.Equal("find: './secret': Permission denied\n[… repeated directory prefixes omitted: each line is dir/: entries]\n./: src tests\n./src/: a.py \"b c.py\" z.py\n./tests/: test_a.py\n",
            FindCompressor.Compress(find));
    }

    [Fact]
    public void Compress_Sentences_ReturnNull() => Assert.Null(FindCompressor.Compress("this is not a list of paths at all\nnor is this one here\n"));
}
