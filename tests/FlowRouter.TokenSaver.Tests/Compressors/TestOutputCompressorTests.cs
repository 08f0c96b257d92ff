using FlowRouter.TokenSaver.Compressors;

namespace FlowRouter.TokenSaver.Tests.Compressors;

public sealed class TestOutputCompressorTests
{
    [Fact]
    public void Compress_DotnetTest_DropsPassingAndFrameworkFramesAndListsTestsUnderTheirError()
    {
        string log = "[xUnit.net 00:00:01.22]     T.A [FAIL]\n  Passed T.Ok [1 ms]\n  Failed T.A [7 ms]\n  Error Message:\n   Assert.True() Failure\n  Stack Trace:\n"
            + "     at T.A() in /s/T.cs:line 7\n   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)\n"
            + "  Failed T.B [1 ms]\n  Error Message:\n   Assert.True() Failure\n  Stack Trace:\n     at T.A() in /s/T.cs:line 7\n"
            + "\nFailed!  - Failed:     2, Passed:     1, Skipped:     0, Total:     3, Duration: 99 ms - t.dll (net10.0)\n";
        Assert.Equal("Assert.True() Failure\n  Failed T.A in /s/T.cs:line 7\n  Failed T.B\n    at T.A() in /s/T.cs:line 7\n"
            + "Failed!  - Failed:     2, Passed:     1, Skipped:     0, Total:     3, Duration: 99 ms - t.dll (net10.0)\n"
            + "[… 1 passing test, 1 library stack frame, 1 line of repeated failures, 5 build and runner lines omitted]\n",
            TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_DotnetTestCutBeforeAFailedBlock_KeepsTheXunitFailLineOfThatTestOnly()
    {
        // As `dotnet test | head` leaves it: T.B failed, but the output ends before its "Failed T.B" block.
        string log = "[xUnit.net 00:00:01.22]     T.A [FAIL]\n[xUnit.net 00:00:01.25]     T.B(x: 2) [FAIL]\n  Failed T.A [7 ms]\n  Error Message:\n"
            + "   Assert.True() Failure\n  Stack Trace:\n     at T.A() in /s/T.cs:line 7\n";
        string output = TestOutputCompressor.Compress(log)!;
        Assert.Contains("  T.B(x: 2) [FAIL]\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("T.A [FAIL]", output, StringComparison.Ordinal);
        Assert.Contains("  Failed T.A in /s/T.cs:line 7\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_DotnetTestQuiet_KeepsXunitFailLinesWhenNoResultBlocksFollow()
    {
        // dotnet test -v q prints no "Failed X [2 ms]" blocks: xUnit's [FAIL] lines are all that names the failed tests.
        string log = "[xUnit.net 00:00:00.18]     T.A(x: 1) [FAIL]\n[xUnit.net 00:00:00.21]     T.B [FAIL]\n\n"
            + "Failed!  - Failed:     2, Passed:     1, Skipped:     0, Total:     3, Duration: 37 ms - t.dll (net10.0)\n";
        Assert.Equal("  T.A(x: 1) [FAIL]\n  T.B [FAIL]\nFailed!  - Failed:     2, Passed:     1, Skipped:     0, Total:     3, Duration: 37 ms - t.dll (net10.0)\n",
            TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_DotnetTestSharedInnerFrames_AreWrittenOnceUnderTheError()
    {
        string block = "  Error Message:\n   System.ArgumentException : bad\nActual value was 2.\n  Stack Trace:\n"
            + "     at Lib.Config.Create() in /s/Config.cs:line 133\n   at T.{0}() in /s/T.cs:line {1}\n";
        string log = "  Failed T.A [2 ms]\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, block, "A", 10)
            + "  Failed T.B(x: 1) [5 ms]\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, block, "B", 20)
            + "Total tests: 2\n     Failed: 2\n";
        Assert.Equal("System.ArgumentException : bad\nActual value was 2.\n  at Lib.Config.Create() in /s/Config.cs:line 133\n"
            + "  Failed T.A in /s/T.cs:line 10\n  Failed T.B(x: 1) in /s/T.cs:line 20\nTotal tests: 2\n     Failed: 2\n"
            + "[… 3 lines of repeated failures, 4 build and runner lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_DotnetTestInnerStackAndOutput_StayUnderTheTestInTheirOrder()
    {
        string log = "  Failed T.A [12 ms]\n  Error Message:\n   System.AggregateException : failed (boom)\n---- System.InvalidOperationException : boom\n"
            + "  Stack Trace:\n     at S.Place() in /s/S.cs:line 42\n   at T.A() in /s/T.cs:line 17\n----- Inner Stack Trace -----\n"
            + "   at S.Save() in /s/S.cs:line 9\n  Standard Output Messages:\n saving 1\nTest Run Failed.\n";
        Assert.Equal("System.AggregateException : failed (boom)\n---- System.InvalidOperationException : boom\n  Failed T.A\n"
            + "    at S.Place() in /s/S.cs:line 42\n    at T.A() in /s/T.cs:line 17\n    ----- Inner Stack Trace -----\n    at S.Save() in /s/S.cs:line 9\n"
            + "    Standard Output Messages:\n    saving 1\nTest Run Failed.\n[… 2 build and runner lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_DotnetTestInTwoRuns_WritesEachRunsFailuresBeforeItsSummary()
    {
        string log = "  Failed T.A [2 ms]\n  Error Message:\n   boom\nFailed!  - Failed: 1 - a.dll\n"
            + "  Failed U.B [2 ms]\n  Error Message:\n   boom\nFailed!  - Failed: 1 - b.dll\n";
        Assert.Equal("boom\n  Failed T.A\nFailed!  - Failed: 1 - a.dll\nboom\n  Failed U.B\nFailed!  - Failed: 1 - b.dll\n"
            + "[… 2 build and runner lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_Pytest_KeepsFailingLineErrorsAndLocationDropsProgressAndSource()
    {
        string log = "........F. [100%]\n=================================== FAILURES ===================================\n"
            + "________________ test_range ________________\n\nvalue = '0'\n\n    @pytest.mark.parametrize('v', [1, 2])\n    def test_range(value):\n"
            + "        x = 1\n>       assert f(value) == 1\nE       AssertionError: assert -1 == 1\n\ntests/test_types.py:35: AssertionError\n"
            + "=========================== short test summary info ============================\nFAILED tests/test_types.py::test_range - AssertionError\n"
            + "1 failed, 9 passed in 0.42s\n";
        Assert.Equal("=== FAILURES ===\n___ test_range ___\nvalue = '0'\n    def test_range(value):\n>       assert f(value) == 1\n"
            + "E       AssertionError: assert -1 == 1\ntests/test_types.py:35: AssertionError\n=== short test summary info ===\n"
            + "FAILED tests/test_types.py::test_range\n1 failed, 9 passed in 0.42s\n[… 2 test source lines, 1 progress line omitted]\n",
            TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_PytestParameterSets_ReferToTheSourceShownOnceAndDropVerbosityHints()
    {
        string failure = "________________ test_range[{0}] ________________\n\nv = {0}\n\n    def test_range(v):\n>       assert f(v) == 1\n"
            + "E       AssertionError: assert {0} == 1\nE         Use -v to get more diff\n\ntests/test_types.py:35: AssertionError\n";
        string log = "=================================== FAILURES ===================================\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, 2)
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, 3)
            + "=========================== short test summary info ============================\n"
            + "FAILED tests/test_types.py::test_range[2] - AssertionError: assert 2...\nFAILED tests/test_types.py::test_range[a - b]\n"
            + "FAILED tests/test_types.py::test_range[3 - x] - AssertionError: assert 3 == 1\n2 failed in 0.1s\n";
        Assert.Equal("=== FAILURES ===\n___ test_range[2] ___\nv = 2\n    def test_range(v):\n>       assert f(v) == 1\n"
            + "E       AssertionError: assert 2 == 1\ntests/test_types.py:35: AssertionError\n___ test_range[3] ___\nv = 3\n"
            + "    [same source lines as test_range[2]]\nE       AssertionError: assert 3 == 1\ntests/test_types.py:35: AssertionError\n"
            + "=== short test summary info ===\nFAILED tests/test_types.py::test_range[2]\nFAILED tests/test_types.py::test_range[a - b]\n"
            + "FAILED tests/test_types.py::test_range[3 - x]\n2 failed in 0.1s\n[… 2 lines of repeated failures, 2 build and runner lines omitted]\n",
            TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_PytestParameterSetsFailingInAHelper_ReferToEachFramesSourceShownOnce()
    {
        string failure = "________________ test_h[{0}] ________________\n\nx = {0}\n\n    def test_h(x):\n>       helper(x)\n\ntests/t.py:32: \n"
            + "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ \n\nx = {0}\n\n    def helper(x):\n"
            + ">       assert x > 0\nE       assert {0} > 0\n\ntests/t.py:27: AssertionError\n";
        string log = "=================================== FAILURES ===================================\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, -1)
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, 0) + "2 failed in 0.1s\n";
        Assert.Equal("=== FAILURES ===\n___ test_h[-1] ___\nx = -1\n    def test_h(x):\n>       helper(x)\ntests/t.py:32: \n_ _ _\nx = -1\n"
            + "    def helper(x):\n>       assert x > 0\nE       assert -1 > 0\ntests/t.py:27: AssertionError\n___ test_h[0] ___\nx = 0\n"
            + "    [same source lines as test_h[-1]]\ntests/t.py:32: \n_ _ _\nx = 0\n    [same source lines as test_h[-1]]\nE       assert 0 > 0\n"
            + "tests/t.py:27: AssertionError\n2 failed in 0.1s\n[… 4 lines of repeated failures omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_PytestLongTraceback_ShortensTheRuleBetweenFrames()
    {
        string log = "=================================== FAILURES ===================================\n________________ test_a ________________\n\n"
            + "    def test_a():\n>       f(1)\n\ntests/test_a.py:5: \n_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ \n\n"
            + "    def f(x):\n>       raise ValueError(x)\nE       ValueError: 1\n\nsrc/f.py:3: ValueError\n1 failed in 0.1s\n";
        Assert.Equal("=== FAILURES ===\n___ test_a ___\n    def test_a():\n>       f(1)\ntests/test_a.py:5: \n_ _ _\n    def f(x):\n"
            + ">       raise ValueError(x)\nE       ValueError: 1\nsrc/f.py:3: ValueError\n1 failed in 0.1s\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_CtestRerunAdvice_IsCounted()
    {
        string log = " 1/2 Test  #1: parse .......   Passed    0.00 sec\n 2/2 Test  #2: print .......***Failed    0.00 sec\n\n"
            + "50% tests passed, 1 tests failed out of 2\nThe following tests FAILED:\n\t  2 - print (Failed)\nErrors while running CTest\n"
            + "Use \"--rerun-failed --output-on-failure\" to re-run the failed cases verbosely.\n";
        Assert.Equal(" 2/2 Test  #2: print .......***Failed    0.00 sec\n50% tests passed, 1 tests failed out of 2\nThe following tests FAILED:\n"
            + "\t  2 - print (Failed)\nErrors while running CTest\n[… 1 passing test, 1 build and runner line omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_PytestSummaryWithoutFailureSection_KeepsItsMessages()
    {
        string log = "..F [100%]\n=========================== short test summary info ============================\n"
            + "FAILED tests/a.py::test_a - AssertionError: assert 1 == 2\n1 failed, 2 passed in 0.1s\n";
        Assert.Contains("FAILED tests/a.py::test_a - AssertionError: assert 1 == 2\n", TestOutputCompressor.Compress(log), StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_PytestShortAndNativeTracebacks_KeepTheLineUnderEachLocation()
    {
        string log = "=================================== FAILURES ===================================\n________________ test_a ________________\n"
            + "tests/test_a.py:12: in test_a\n    assert f(1) == 2\nsrc/f.py:3: in f\n    return g(x)\nE   ValueError: bad\n"
            + "________________ test_b ________________\nTraceback (most recent call last):\n  File \"/s/tests/test_b.py\", line 5, in test_b\n"
            + "    h()\nKeyError: 'k'\n1 failed in 0.1s\n";
        string output = TestOutputCompressor.Compress(log)!;
        foreach (string kept in new[] { "    assert f(1) == 2", "    return g(x)", "E   ValueError: bad", "  File \"/s/tests/test_b.py\", line 5, in test_b", "    h()", "KeyError: 'k'" })
        {
            Assert.Contains(kept, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compress_Mocha_DropsPassingTestsSuiteTitlesAndLibraryFrames()
    {
        string log = "\n  res\n    .send()\n      ✔ should set body\n      1) should fail\n\n  1 passing (7ms)\n  1 failing\n\n"
            + "  1) res\n       .send()\n         should fail:\n     Error: expected 200, got 500\n      at Context.<anonymous> (test/res.send.js:31:8)\n"
            + "      at process.processImmediate (node:internal/timers:483:21)\n  ----\n      at Test._assertStatus (node_modules/supertest/lib/test.js:236:14)\n";
        Assert.Equal("  1 passing (7ms)\n  1 failing\nError: expected 200, got 500\n  1) should fail (test/res.send.js:31:8)\n"
            + "[… 1 passing test, 3 library stack frames, 2 suite title lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_MochaCutBeforeSomeFailureDetails_KeepsTheTitlesOfTheFailuresWithoutThem()
    {
        // As `npx mocha … | head -n 20` leaves it: failure 2 is listed, but its details were cut off.
        string log = "\n  res\n    .send()\n      ✔ should set body\n      1) should fail\n      2) should also fail\n\n  1 passing (7ms)\n  2 failing\n\n"
            + "  1) res\n       .send()\n         should fail:\n     Error: expected 200, got 500\n      at Context.<anonymous> (test/res.send.js:31:8)\n";
        string output = TestOutputCompressor.Compress(log)!;
        Assert.Contains("2) should also fail\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("      1) should fail\n", output, StringComparison.Ordinal);
        Assert.Contains("  1) should fail (test/res.send.js:31:8)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_MochaExpectedActualBlock_IsCountedNotWritten()
    {
        string log = "  3 passing (7ms)\n  1 failing\n\n  1) raw\n       should parse:\n      Error: expected { buf: 'x' } response body, got {}\n"
            + "      + expected - actual\n\n      -{}\n      +{\n      +  \"buf\": \"x\"\n      +}\n      \n      at Context.<anonymous> (test/raw.js:20:8)\n";
        string output = TestOutputCompressor.Compress(log)!;
        Assert.Contains("Error: expected { buf: 'x' } response body, got {}\n  1) should parse (test/raw.js:20:8)\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("+ expected - actual", output, StringComparison.Ordinal);
        Assert.Contains("5 expected/actual diff lines", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_MochaFailuresWithTheSameError_AreListedUnderItOnce()
    {
        string log = "  5 passing (7ms)\n  3 failing\n\n"
            + "  1) json\n       should send null:\n     Error: expected \"Content-Type\" of \"application/json\"\n"
            + "      at Context.<anonymous> (test/json.js:45:10)\n      at process.processImmediate (node:internal/timers:483:21)\n\n"
            + "  2) root test:\n     TypeError: x is not a function\n      at helper (test/support/h.js:3:5)\n"
            + "      at Context.<anonymous> (test/a.js:9:1)\n\n"
            + "  3) json\n       nested\n         should send a number:\n     Error: expected \"Content-Type\" of \"application/json\"\n"
            + "      at Context.<anonymous> (test/json.js:58:10)\n\nnpm error Test failed.\n";
        Assert.Equal("  5 passing (7ms)\n  3 failing\nError: expected \"Content-Type\" of \"application/json\"\n"
            + "  1) should send null (test/json.js:45:10)\n  3) should send a number (test/json.js:58:10)\nTypeError: x is not a function\n"
            + "  2) root test (helper (test/support/h.js:3:5), test/a.js:9:1)\nnpm error Test failed.\n"
            + "[… 1 library stack frame, 1 line of repeated failures, 3 suite title lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_MochaMultiLineErrorWithoutStack_KeepsEveryLine()
    {
        string log = "  0 passing (7ms)\n  1 failing\n\n  1) s\n       t:\n     AssertionError: Expected values to be strictly equal:\n\n1 !== 2\n";
        string output = TestOutputCompressor.Compress(log)!;
        Assert.Contains("AssertionError: Expected values to be strictly equal:\n", output, StringComparison.Ordinal);
        Assert.Contains("1 !== 2\n", output, StringComparison.Ordinal);
        Assert.Contains("  1) t\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_MochaLastFailureWithBlankLineInItsError_KeepsItsStackAndGroup()
    {
        // node's assertion message has blank lines in it; the last failure still runs on to its stack.
        string failure = "  {0}) s\n       t{0}:\n     AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n+ actual - expected\n\n"
            + "+ undefined\n- 'text/html'\n      at Context.<anonymous> (test/h.js:8:53)\n      at process.processImmediate (node:internal/timers:483:21)\n\n";
        string log = "  0 passing (7ms)\n  2 failing\n\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, 1)
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, failure, 2) + "\n";
        Assert.Equal("  0 passing (7ms)\n  2 failing\nAssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n+ actual - expected\n"
            + "+ undefined\n- 'text/html'\n  1) t1 (test/h.js:8:53)\n  2) t2 (test/h.js:8:53)\n"
            + "[… 2 library stack frames, 4 lines of repeated failures, 2 suite title lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_MochaStructuredValueDiff_StaysWhole()
    {
        // Unchanged lines show where in the value the change is: the block stays as printed, not only its context.
        string log = "  0 passing (7ms)\n  1 failing\n\n  1) s\n       t:\n      Error: expected { a: 2 } response body, got { a: 1 }\n"
            + "      + expected - actual\n\n       {\n      -  \"a\": 1\n      +  \"a\": 2\n       }\n      \n      at Context.<anonymous> (test/a.js:3:8)\n";
        Assert.Equal("  0 passing (7ms)\n  1 failing\nError: expected { a: 2 } response body, got { a: 1 }\n      + expected - actual\n       {\n"
            + "      -  \"a\": 1\n      +  \"a\": 2\n       }\n  1) t (test/a.js:3:8)\n[… 1 suite title line omitted]\n",
            TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_MochaErrorLoggedWhileTestsRun_IsNoSuiteTitle()
    {
        // A server's error log between the test lines: its message is followed by deeper lines, but they are its stack.
        string log = "  app\n    1) should respond\nError: user lookup crashed\n    at /s/test/app.js:9:38\n"
            + "    at Layer.handleRequest (/s/node_modules/router/lib/layer.js:169:33)\n    ✔ should pass\n\n  1 passing (9ms)\n  1 failing\n\n"
            + "  1) app\n       should respond:\n     Error: expected 200 \"OK\", got 500 \"Internal Server Error\"\n"
            + "    at Context.<anonymous> (test/app.js:23:41)\n\n";
        string output = TestOutputCompressor.Compress(log)!;
        Assert.Contains("Error: user lookup crashed\n    at /s/test/app.js:9:38\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  app\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_MochaHeadingWithoutTitleLine_IsLeftToTheLineRules()
    {
        string log = "  1 passing (7ms)\n  1 failing\n\n  1) s\n       no colon here\n\n     Error: boom\n      at Context.<anonymous> (test/a.js:1:2)\n";
        string output = TestOutputCompressor.Compress(log)!;
        Assert.Contains("  1) s\n       no colon here\n     Error: boom\n      at Context.<anonymous> (test/a.js:1:2)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_GoogleTest_DropsProgressAndPassingTestsKeepsFailures()
    {
        string log = "Running main() from ./googletest/src/gtest_main.cc\n[==========] Running 2 tests from 1 test suite.\n"
            + "[----------] Global test environment set-up.\n[ RUN      ] Geo.Zero\n[       OK ] Geo.Zero (0 ms)\n[ RUN      ] Geo.Far\n"
            + "/s/geo_test.cpp:5: Failure\nExpected equality of these values:\n  d\n    Which is: 5\n[  FAILED  ] Geo.Far (0 ms)\n"
            + "[==========] 2 tests from 1 test suite ran. (0 ms total)\n[  PASSED  ] 1 test.\n[  FAILED  ] 1 test, listed below:\n[  FAILED  ] Geo.Far\n";
        Assert.Equal("/s/geo_test.cpp:5: Failure\nExpected equality of these values:\n  d\n    Which is: 5\n[  FAILED  ] Geo.Far (0 ms)\n"
            + "[==========] 2 tests from 1 test suite ran. (0 ms total)\n[  PASSED  ] 1 test.\n[  FAILED  ] 1 test, listed below:\n[  FAILED  ] Geo.Far\n"
            + "[… 1 passing test, 5 build and runner lines omitted]\n", TestOutputCompressor.Compress(log));
        Assert.Equal(OutputKinds.TestOutput, KindDetector.Detect(log));
    }

    [Fact]
    public void Compress_GoCargoCtest_DropPassingLines()
    {
        string log = "=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n    b_test.go:12: want 2, got 3\n--- FAIL: TestB (0.00s)\nFAIL\nFAIL\texample.com/x\t0.01s\n"
            + "test tests::adds ... ok\ntest tests::wrong ... FAILED\n 1/2 Test  #1: parse .......   Passed    0.00 sec\n 2/2 Test  #2: print .......***Failed    0.00 sec\n";
        Assert.Equal("    b_test.go:12: want 2, got 3\n--- FAIL: TestB (0.00s)\nFAIL\nFAIL\texample.com/x\t0.01s\ntest tests::wrong ... FAILED\n"
            + " 2/2 Test  #2: print .......***Failed    0.00 sec\n[… 3 passing tests, 2 build and runner lines omitted]\n", TestOutputCompressor.Compress(log));
    }

    [Fact]
    public void Compress_NoTestShapes_ReturnsNull() => Assert.Null(TestOutputCompressor.Compress("all good\nnothing else\n"));
}
