namespace FlowRouter.TokenSaver.Tests;

public sealed class KindDetectorTests
{
    [Theory]
    [InlineData("diff --git a/x b/x\nindex 1..2\n@@ -1 +1 @@\n-a\n+b\n", OutputKinds.GitDiff)]
    [InlineData(" src/a.cs | 12 +++++-----\n src/b.cs |  3 ++-\n 2 files changed, 8 insertions(+), 7 deletions(-)\n", OutputKinds.GitDiff)]
    [InlineData("commit 60935b4d7abad71cf6157b45a10f5c3c65ead527\nAuthor: A <a@b>\nDate:   Sat Feb 14 17:25:19 2026 +0200\n\n    s\n", OutputKinds.GitLog)]
    [InlineData("a3714473 build: bump hbs\nae6dd376 feat: query\nba006766 build: bump morgan\n", OutputKinds.GitLog)]
    [InlineData("* commit 60935b4d7abad71cf6157b45a10f5c3c65ead527 (HEAD -> main)\n| Author: A <a@b>\n| Date:   Sat Feb 14 17:25:19 2026 +0200\n| \n|     s\n", OutputKinds.GitLog)]
    [InlineData("On branch main\nnothing to commit, working tree clean\n", OutputKinds.GitStatus)]
    [InlineData("1 .M N... 100644 100644 100644 7bf8c389f1f5db19216a265d23b5b21c9e12cfec 7bf8c389f1f5db19216a265d23b5b21c9e12cfec args.go\n? coverage.out\n", OutputKinds.GitStatus)]
    [InlineData("9e6b58af (Unai Martinez-Corral 2023-03-06 02:28:31 +0000   1) // Copyright\n", OutputKinds.GitBlame)]
    [InlineData("6c6e1bd9  1) /*! express\n^048c1ac  2) var a = require('a');\n6c6e1bd9  3) function f() {\n^048c1ac  4)   // c\n6c6e1bd9  5)   if (x) {\n6c6e1bd9  6)   }\n6c6e1bd9  7) }\n", OutputKinds.GitBlame)]
    [InlineData("6c6e1bd9 (Raymond Hettinger 1604924800 +0200 1) /*! // rev 19\n^048c1ac (Greg Ward         1795659051 +0000 2) var a = require('a');\n", OutputKinds.GitBlame)]
    [InlineData("6c6e1bd9\t(Raymond Hettinger\t2020-11-09 14:26:40 +0200\t1)/*! // rev 19\n048c1acb\t( Greg Ward\t2026-11-26 02:10:51 +0000\t2)var a = require('a');\n", OutputKinds.GitBlame)]
    [InlineData("src/a.c:93:    x();\nsrc/b.c:10:    y();\n", OutputKinds.Grep)]
    [InlineData("lib/utils.js\n16:var a = require('a');\n17-function f() {\n18-  // c\n\nlib/view.js\n3:  if (x) {\n", OutputKinds.Grep)]
    [InlineData("total 8\ndrwxr-xr-x 2 root root 4096 Nov 25 16:24 .\n-rw-r--r-- 1 root root 12 Nov 25 16:24 a\n", OutputKinds.Ls)]
    [InlineData(".\n├── a\n└── b\n\n0 directories, 2 files\n", OutputKinds.Tree)]
    [InlineData("     1\tusing System;\n     2\t\n     3\tnamespace A;\n", OutputKinds.Cat)]
    [InlineData("/s/a.cs(1,2): error CS0029: Cannot convert [/s/a.csproj]\n\nBuild FAILED.\n", OutputKinds.BuildLog)]
    [InlineData("a.py:1:80: E501 line too long (81 > 79 characters)\na.py:2:1: F401 'os' imported but unused\n", OutputKinds.Lint)]
    [InlineData("........F. [100%]\n1 failed, 9 passed in 0.42s\n", OutputKinds.TestOutput)]
    [InlineData("Traceback (most recent call last):\n  File \"/a.py\", line 1, in <module>\n    x()\nNameError: name 'x' is not defined\n", OutputKinds.StackTrace)]
    [InlineData("node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n\nUnhandledPromiseRejection: The promise rejected with the reason \"x\".\n"
        + "    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)\n    at processPromiseRejections (node:internal/process/promises:470:17)\n"
        + "  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js v20.20.2\n", OutputKinds.StackTrace)]
    [InlineData("{\n  \"a\": 1\n}\n", OutputKinds.Json)]
    [InlineData("[1, 2, 3]\n", OutputKinds.Json)]
    [InlineData("{\n  target_defaults: {\n    cflags: [],\n  }\n}\n", OutputKinds.Json)]
    [InlineData("{\n  node: '20.20.2',\n  acorn: '8.16.0',\n  ada: '2.9.2',\n  ares: '1.34.6',\n  brotli: '1.1.0',\n  cldr: '48.0',\n  icu: '78.2'\n}\n", OutputKinds.Env)]
    [InlineData("[ 50%] Building C object a.o\n[100%] Built target a\n", OutputKinds.BuildLog)]
    [InlineData("USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\nroot 1 0.0 0.0 1 1 ? S 16:42 0:00 init\n", OutputKinds.Ps)]
    [InlineData("Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda        252G   17G   77G  18% /\n", OutputKinds.Disk)]
    [InlineData("HOME=/root\nUSER=root\nSHELL=/bin/bash\n", OutputKinds.Env)]
    [InlineData("  12 a.c\n  30 b.c\n  42 total\n", OutputKinds.Wc)]
    [InlineData("Package    Version\n---------- -------\nattrs      26.1.0\n", OutputKinds.PackageList)]
    [InlineData("  Determining projects to restore...\n  All projects are up-to-date for restore.\nProject 'A.Tests' has the following package references\n   [net10.0]: \n   Top-level Package      Requested   Resolved\n   > xunit                2.9.3       2.9.3   \n", OutputKinds.PackageList)]
    [InlineData(".\n./src\n./src/a.py\n./src/b.py\n", OutputKinds.Find)]
    [InlineData("src/a.py\nsrc/b.py\ntests/c.py\n", OutputKinds.Text)]
    [InlineData("Hello there.\nThis is prose.\n", OutputKinds.Text)]
    [InlineData("01-intro.md\n02-setup.md\n03-deploy.md\n", OutputKinds.Text)]
    public void Detect_Head_NamesItsKind(string head, string kind) => Assert.Equal(kind, ToolOutputCompressor.Detect(head));

    [Fact]
    public void Detect_OnlyTheWindowIsRead()
    {
        string head = "diff --git a/x b/x\n" + new string('y', 10_000);
        Assert.Equal(OutputKinds.GitDiff, ToolOutputCompressor.Detect(head));
        string late = new string('z', ToolOutputCompressor.DetectionWindow + 10) + "\ndiff --git a/x b/x\n";
        Assert.Equal(OutputKinds.Text, ToolOutputCompressor.Detect(late));
    }
}
