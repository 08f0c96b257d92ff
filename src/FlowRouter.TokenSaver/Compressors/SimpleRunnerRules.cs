namespace FlowRouter.TokenSaver.Compressors;

/// <summary>The one-line-per-test runners: <c>go test -v</c>, <c>cargo test</c>, ctest, Unity, jest/vitest file lines.</summary>
internal static class SimpleRunnerRules
{
    public static bool IsPassing(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        // go: "--- PASS: TestX (0.00s)"
        if (s.StartsWith("--- PASS: ", StringComparison.Ordinal))
        {
            return true;
        }
        // cargo: "test parser::tests::empty ... ok"
        if (s.StartsWith("test ", StringComparison.Ordinal) && s.EndsWith(" ... ok", StringComparison.Ordinal))
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
            || (s.StartsWith("Start ", StringComparison.Ordinal) && s.Contains(": ", StringComparison.Ordinal) && line.StartsWith("  ", StringComparison.Ordinal));
    }
}
