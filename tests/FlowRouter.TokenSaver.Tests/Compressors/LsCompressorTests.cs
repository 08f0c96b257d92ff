using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class LsCompressorTests
{
    [Fact]
    public void Compress_LongListing_KeepsNamesKindsAndSizes()
    {
        string ls = "total 296K\n"
            + "drwxr-xr-x 7 root root 4.0K Nov 25 16:24 .\n"
            + "drwxr-xr-x 7 root root 4.0K Nov 25 16:24 ..\n"
            + "-rw-r--r-- 1 root root  428 Nov 25 16:24 .editorconfig\n"
            + "drwxr-xr-x 8 root root 4.0K Nov 25 16:24 .git\n"
            + "-rwxr-xr-x 1 root root  61K Jan  3  2024 build script.sh\n"
            + "lrwxrwxrwx 1 root root    7 Nov 25 16:24 latest -> v1.2.3\n";
        Assert.Equal("[… modes, links and dates omitted; owner root root; directories end in /]\n.editorconfig 428\n.git/\nbuild script.sh* 61K\nlatest -> v1.2.3\n",
            LsCompressor.Compress(ls));
    }

    [Fact]
    public void Compress_Recursive_KeepsDirectoryHeadersAndOwnersThatDiffer()
    {
        string ls = "src:\ntotal 8\n-rw-r--r-- 1 ada staff 10 2024-01-02 10:00 a.txt\n\nsrc/sub:\ntotal 4\n-rw-r--r-- 1 bob staff 20 2024-01-02 10:00 b.txt\n";
        Assert.Equal("[… modes, links and dates omitted; directories end in /]\nsrc:\na.txt 10 ada staff\nsrc/sub:\nb.txt 20 bob staff\n",
            LsCompressor.Compress(ls));
    }

    [Fact]
    public void Compress_PlainNames_ReturnsNull() => Assert.Null(LsCompressor.Compress("README.md\nsrc\ntests\n"));
}
