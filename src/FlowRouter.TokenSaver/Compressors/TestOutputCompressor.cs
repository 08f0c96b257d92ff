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
        bool detailed = BuildNoise.IsDetailedMsBuild(text);
        var items = new List<object>(lines.Length);
        var tally = new TestTally();
        var groups = new FailureGroups();
        var pytest = new PytestRules();
        var mocha = new MochaRules(lines);
        var warnings = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? failedBlocks = DotnetTestRules.FailedBlockNames(lines);
        int i = 0;
        while (i < lines.Length)
        {
            if (DotnetTestRules.TryHandle(lines, ref i, items, tally, groups, failedBlocks)
                || pytest.TryHandle(lines, ref i, items, tally, warnings)
                || mocha.TryHandle(lines, ref i, tally, items))
            {
                continue;
            }
            if (TryFrame(lines, ref i, items, tally))
            {
                continue;
            }
            if (SimpleRunnerRules.TryTapPassing(lines, ref i))
            {
                tally.Passing++;
                continue;
            }
            string raw = lines[i];
            i++;
            if (SimpleRunnerRules.IsNoise(raw) || BuildNoise.IsNoise(lines, i - 1, detailed))
            {
                tally.Noise++;
                continue;
            }
            string line = BuildNoise.StripNodePrefix(raw);
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (SimpleRunnerRules.IsPassing(line))
            {
                tally.Passing++;
                continue;
            }
            if (IsLongRule(line))
            {
                // unittest's 70-character ==== and ---- rules between failures.
                items.Add(line.Trim()[..3]);
                tally.Recognised++;
                continue;
            }
            if (IsAsyncSeparator(line))
            {
                tally.LibraryFrames++;
                continue;
            }
            if (MsBuildDiagnostic.TryParse(line, out Diagnostic d))
            {
                items.Add(d);
            }
            else
            {
                DiagnosticWriter.AddLine(items, line);
            }
        }
        groups.Flush(items, tally);
        if (tally.Total == 0 && tally.Recognised == 0)
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

    /// <summary>
    /// A stack frame with what belongs to it (Python's source and caret lines, the second line of a Go or Rust frame):
    /// a library frame goes (counted); a user frame stays without its caret lines.
    /// </summary>
    private static bool TryFrame(string[] lines, ref int i, List<object> items, TestTally tally)
    {
        string line = lines[i];
        string? next = i + 1 < lines.Length ? lines[i + 1] : null;
        StackFrames.Kind pair = StackFrames.ClassifyPair(line, next);
        if (pair != StackFrames.Kind.NotFrame)
        {
            if (pair == StackFrames.Kind.Library)
            {
                tally.LibraryFrames++;
            }
            else
            {
                items.Add(line);
                items.Add(next!);
                tally.Recognised++;
            }
            i += 2;
            return true;
        }
        StackFrames.Kind kind = StackFrames.Classify(line);
        if (kind == StackFrames.Kind.NotFrame)
        {
            return false;
        }
        bool python = line.TrimStart().StartsWith("File \"", StringComparison.Ordinal);
        int end = i + 1;
        while (python && end < lines.Length && lines[end].StartsWith("    ", StringComparison.Ordinal)
            && StackFrames.Classify(lines[end]) == StackFrames.Kind.NotFrame && Lines.Indent(lines[end]) > Lines.Indent(line))
        {
            end++;
        }
        if (kind == StackFrames.Kind.Library)
        {
            tally.LibraryFrames++;
        }
        else
        {
            tally.Recognised++;
            for (int k = i; k < end; k++)
            {
                if (k == i || !StackFrames.IsCaretLine(lines[k]))
                {
                    items.Add(lines[k]);
                }
            }
        }
        i = end;
        return true;
    }

    private static bool IsLongRule(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return s.Length >= 20 && (!s.ContainsAnyExcept('=') || !s.ContainsAnyExcept('-'));
    }

    /// <summary>mocha's <c>----</c> between the synchronous and the asynchronous part of a stack.</summary>
    internal static bool IsAsyncSeparator(string line) => line.AsSpan().Trim() is "----";
}
