using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Test runners: <c>dotnet test</c>, pytest, mocha/jest/vitest, <c>go test</c>, <c>cargo test</c>, ctest, Unity.
/// Passing tests are counted, not listed; every failure keeps its name, its error lines and the location of the
/// user's code that failed; summaries (counts, <c>Passed!</c>/<c>Failed!</c>, <c>N passing</c>, <c>N% tests passed</c>)
/// stay; build diagnostics printed on the way are folded as in <see cref="BuildLogCompressor"/>. Library stack
/// frames, progress rows and test source listings go; what was left out is counted in one marker at the end.
/// </summary>
internal static class TestOutputCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var items = new List<object>(lines.Length);
        var tally = new TestTally();
        var failures = new FailureBlocks();
        var pytest = new PytestRules();
        var mocha = new MochaRules(lines);
        var warnings = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        while (i < lines.Length)
        {
            if (DotnetTestRules.TryHandle(lines, ref i, items, tally, failures)
                || pytest.TryHandle(lines, ref i, items, tally, failures, warnings)
                || mocha.TryHandle(lines, ref i, tally))
            {
                continue;
            }
            string line = lines[i];
            i++;
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (SimpleRunnerRules.IsPassing(line))
            {
                tally.Passing++;
                continue;
            }
            if (SimpleRunnerRules.IsNoise(line) || BuildNoise.IsNoise(line, i < lines.Length ? lines[i] : null))
            {
                tally.Noise++;
                continue;
            }
            if (StackFrames.Classify(line) == StackFrames.Kind.Library || IsAsyncSeparator(line))
            {
                tally.LibraryFrames++;
                continue;
            }
            items.Add(MsBuildDiagnostic.TryParse(line, out Diagnostic d) ? d : line);
        }
        if (tally.Total == 0)
        {
            return null;
        }
        var w = new LineWriter(text.Length / 2);
        DiagnosticWriter.Write(items, w, out int repeats);
        tally.Noise += repeats;
        string? marker = tally.Marker();
        if (marker is not null)
        {
            w.Line(marker);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>mocha's <c>----</c> between the synchronous and the asynchronous part of a stack.</summary>
    private static bool IsAsyncSeparator(string line) => line.AsSpan().Trim() is "----";
}
