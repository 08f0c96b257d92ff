namespace FlowRouter.TokenSaver.Compressors;

/// <summary>The one-line-per-test runners: <c>go test -v</c>, <c>cargo test</c>, ctest, GoogleTest, Unity, unittest, TAP
/// (node --test), jest/vitest file lines.</summary>
internal static class SimpleRunnerRules
{
    /// <summary>TAP's <c>ok 3 - name</c> and the YAML block under it (timings): one passing test.</summary>
    public static bool TryTapPassing(string[] lines, ref int i)
    {
        ReadOnlySpan<char> s = lines[i].AsSpan().TrimStart();
        if (!s.StartsWith("ok ", StringComparison.Ordinal) || !s.Contains(" - ", StringComparison.Ordinal) || !char.IsAsciiDigit(s[3]))
        {
            return false;
        }
        int j = i + 1;
        if (j < lines.Length && lines[j].AsSpan().Trim() is "---")
        {
            while (j < lines.Length && !(lines[j].AsSpan().Trim() is "..."))
            {
                j++;
            }
            j = Math.Min(lines.Length, j + 1);
        }
        i = j;
        return true;
    }

    public static bool IsPassing(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        // go: "--- PASS: TestX (0.00s)"
        if (s.StartsWith("--- PASS: ", StringComparison.Ordinal))
        {
            return true;
        }
        // cargo: "test parser::tests::empty ... ok"; unittest: "test_ok (tests.T.test_ok) ... ok"
        if (s.EndsWith(" ... ok", StringComparison.Ordinal))
        {
            return true;
        }
        // ctest: " 1/22 Test  #1: cJSON_test .......................   Passed    0.00 sec"
        if (s.Contains(" Test ", StringComparison.Ordinal) && s.Contains(": ", StringComparison.Ordinal) && s.EndsWith(" sec", StringComparison.Ordinal)
            && s.Contains("   Passed ", StringComparison.Ordinal) && s.Contains('#'))
        {
            return true;
        }
        // Unity: "tests/test_x.c:42:test_parse:PASS"
        if (s.EndsWith(":PASS", StringComparison.Ordinal) && !s.Contains(' '))
        {
            return true;
        }
        // GoogleTest: "[       OK ] Suite.Name (0 ms)"
        if (s.StartsWith("[       OK ] ", StringComparison.Ordinal))
        {
            return true;
        }
        // jest: "PASS src/a.test.js (5 ms)"; vitest: " ✓ src/a.test.ts (3 tests) 5ms"
        return line.StartsWith("PASS ", StringComparison.Ordinal) && !s.Contains("  ", StringComparison.Ordinal);
    }

    public static bool IsNoise(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return s.StartsWith("=== RUN ", StringComparison.Ordinal) || s.StartsWith("=== PAUSE ", StringComparison.Ordinal)
            || s.StartsWith("=== CONT ", StringComparison.Ordinal) || s.StartsWith("=== NAME ", StringComparison.Ordinal)
            || (s.StartsWith("Compiling ", StringComparison.Ordinal) && s.Contains(" v", StringComparison.Ordinal))
            || s.StartsWith("Downloaded ", StringComparison.Ordinal) || s.StartsWith("Downloading ", StringComparison.Ordinal)
            || s.StartsWith("# Subtest: ", StringComparison.Ordinal)
            // GoogleTest's progress: the test about to run, suite set-up and tear-down, the run's banner and filter.
            || s.StartsWith("[ RUN      ] ", StringComparison.Ordinal) || s.StartsWith("[----------] ", StringComparison.Ordinal)
            || (s.StartsWith("[==========] Running ", StringComparison.Ordinal) && s.EndsWith('.'))
            || (s.StartsWith("Running main() from ", StringComparison.Ordinal) && s.EndsWith(".cc", StringComparison.Ordinal))
            || s.StartsWith("Note: Google Test filter = ", StringComparison.Ordinal)
            // ctest's advice after its list of failed tests.
            || (s.StartsWith("Use \"--rerun-failed", StringComparison.Ordinal) && s.EndsWith(" verbosely.", StringComparison.Ordinal))
            || (s.StartsWith("Start ", StringComparison.Ordinal) && s.Contains(": ", StringComparison.Ordinal) && line.StartsWith("  ", StringComparison.Ordinal));
    }
}
