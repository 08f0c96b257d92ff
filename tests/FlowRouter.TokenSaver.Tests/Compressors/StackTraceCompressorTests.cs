using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class StackTraceCompressorTests
{
    [Fact]
    public void Compress_PythonTraceback_CollapsesLibraryFramesKeepsUserFramesAndTheRaiseSite()
    {
        string trace = "Traceback (most recent call last):\n  File \"/app/cli.py\", line 34, in <module>\n    cli()\n"
            + "  File \"/usr/lib/python3/dist-packages/click/core.py\", line 1, in a\n    x()\n           ^^^\n"
            + "  File \"/usr/lib/python3/dist-packages/click/core.py\", line 2, in b\n    y()\n"
            + "  File \"/app/cli.py\", line 7, in load\n    return json.load(f)\n           ^^^^^^^^^^^^\n"
            + "  File \"/usr/lib/python3.11/json/__init__.py\", line 293, in load\n    return loads(fp.read())\n"
            + "  File \"/usr/lib/python3.11/json/decoder.py\", line 355, in raw_decode\n    raise JSONDecodeError(\"Expecting value\", s, err.value) from None\n"
            + "json.decoder.JSONDecodeError: Expecting value: line 2 column 1 (char 63)\n";
        Assert.Equal("Traceback (most recent call last):\n  File \"/app/cli.py\", line 34, in <module>\n    cli()\n  [… 2 library frames omitted]\n"
            + "  File \"/app/cli.py\", line 7, in load\n    return json.load(f)\n  [… 1 library frame omitted]\n  File \"/usr/lib/python3.11/json/decoder.py\", line 355, in raw_decode\n"
            + "    raise JSONDecodeError(\"Expecting value\", s, err.value) from None\njson.decoder.JSONDecodeError: Expecting value: line 2 column 1 (char 63)\n",
            StackTraceCompressor.Compress(trace));
    }

    [Fact]
    public void Compress_PythonFrameworkFromASourceCheckout_CollapsesItsFramesBetweenTheAppsOwn()
    {
        string trace = "Traceback (most recent call last):\n  File \"/home/u/app/cli.py\", line 34, in <module>\n    cli()\n"
            + "  File \"/home/u/src/click/core.py\", line 1631, in __call__\n    return self.main(*args, **kwargs)\n           ^^^^^^^^^^\n"
            + "  File \"/home/u/src/click/core.py\", line 910, in invoke\n    return callback(*args, **kwargs)\n"
            + "  File \"/home/u/app/cli.py\", line 21, in greet\n    greeting = cfg[\"greetings\"][cfg[\"lang\"]]\nKeyError: 'fr'\n";
        Assert.Equal("Traceback (most recent call last):\n  File \"/home/u/app/cli.py\", line 34, in <module>\n    cli()\n"
            + "  [… 2 frames outside /home/u/app/ omitted]\n  File \"/home/u/app/cli.py\", line 21, in greet\n"
            + "    greeting = cfg[\"greetings\"][cfg[\"lang\"]]\nKeyError: 'fr'\n", StackTraceCompressor.Compress(trace));
    }

    [Fact]
    public void Compress_InnermostUserFrameInTheFramework_KeepsEveryUserFrame()
    {
        // The framework raised: the app's directory cannot be told from the framework's, so nothing of either goes.
        string trace = "Traceback (most recent call last):\n  File \"/home/u/app/cli.py\", line 34, in <module>\n    cli()\n"
            + "  File \"/home/u/src/click/core.py\", line 1631, in __call__\n    return self.main()\n"
            + "  File \"/home/u/src/click/core.py\", line 910, in main\n    raise UsageError(msg)\nclick.exceptions.UsageError: bad\n";
        Assert.Null(StackTraceCompressor.Compress(trace));
    }

    [Fact]
    public void FramePaths_Of_ReadsPythonDotnetAndNodeFrames()
    {
        Assert.Equal("/a/b.py", FramePaths.Of("  File \"/a/b.py\", line 3, in f"));
        Assert.Equal("/a/T.cs", FramePaths.Of("   at T.M(Int32 x) in /a/T.cs:line 7"));
        Assert.Equal("/a/b.js", FramePaths.Of("    at f (/a/b.js:3:9)"));
        Assert.Equal("/a/b.js", FramePaths.Of("    at /a/b.js:3:9"));
        Assert.Null(FramePaths.Of("Error: boom"));
    }

    [Fact]
    public void Compress_DotnetException_CollapsesFrameworkFrames()
    {
        string trace = "Unhandled exception. System.InvalidOperationException: boom\n   at App.Run() in /s/App.cs:line 12\n"
            + "   at System.Threading.Tasks.Task.Execute()\n   at System.Threading.ExecutionContext.Run()\n   at Program.Main() in /s/Program.cs:line 3\n";
        Assert.Equal("Unhandled exception. System.InvalidOperationException: boom\n   at App.Run() in /s/App.cs:line 12\n   [… 2 library frames omitted]\n"
            + "   at Program.Main() in /s/Program.cs:line 3\n", StackTraceCompressor.Compress(trace));
    }

    [Fact]
    public void Compress_SameNodeTraceTwice_WritesItOnce()
    {
        string one = "Error: broke\n    at /s/index.js:31:9\n    at Layer.handle (/s/node_modules/router/layer.js:1:1)\n    at next (/s/node_modules/router/route.js:2:2)\n";
        string output = StackTraceCompressor.Compress(one + "GET / 500\n" + one)!;
        Assert.Equal(2, output.Split("Error: broke").Length - 1);
        Assert.Single(output.Split("at /s/index.js:31:9").Skip(1));
        Assert.Contains("lines of the same stack trace as above omitted]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_LoneLongLibraryFrame_BecomesAMarkerAndAShortOneStays()
    {
        string trace = "Error: oh no!\n    at /s/index.js:40:10\n    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)\n"
            + "Error: again\n    at /s/index.js:41:10\n    at f (node:a:1:1)\n    at h (/s/b.js:1:1)\n";
        Assert.Equal("Error: oh no!\n    at /s/index.js:40:10\n    [… 1 library frame omitted]\nError: again\n    at /s/index.js:41:10\n"
            + "    at f (node:a:1:1)\n    at h (/s/b.js:1:1)\n", StackTraceCompressor.Compress(trace));
    }

    [Fact]
    public void Compress_AddressSanitizer_DropsShadowBytesAndRuntimeFrames()
    {
        string report = "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1\nREAD of size 4 at 0x1 thread T0\n"
            + "    #0 0x5 in use /s/uaf.c:3\n    #1 0x6 in main /s/uaf.c:8\n    #2 0x7 in __libc_start_call_main ../sysdeps/x.h:58\n"
            + "    #3 0x8 in __libc_start_main_impl ../csu/libc-start.c:360\n    #4 0x9 in _start (/s/uaf+0x1)\n"
            + "SUMMARY: AddressSanitizer: heap-use-after-free /s/uaf.c:3 in use\nShadow bytes around the buggy address:\n  0x0c04: fa fa\nShadow byte legend:\n  Freed heap region: fd\n==1==ABORTING\n";
        Assert.Equal("==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1\nREAD of size 4 at 0x1 thread T0\n"
            + "    #0 0x5 in use /s/uaf.c:3\n    #1 0x6 in main /s/uaf.c:8\n    [… 3 library frames omitted]\n"
            + "SUMMARY: AddressSanitizer: heap-use-after-free /s/uaf.c:3 in use\n[… 4 shadow memory lines omitted]\n==1==ABORTING\n",
            StackTraceCompressor.Compress(report));
    }

    [Fact]
    public void Compress_NoFrames_ReturnsNull() => Assert.Null(StackTraceCompressor.Compress("Error: something\nno frames here\n"));
}
