using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// mocha (spec and dot reporters), and the shared marks of jest and vitest. Before the <c>N passing</c> summary:
/// passing tests (<c>✔</c>/<c>✓</c>), dot-reporter rows, the suite headings above them and the numbered failure
/// titles whose failures are printed in full below go; pending tests and any other output stay. After it, each
/// numbered failure keeps its title, its error and the places of the user's code in its stack, on one line:
/// <c>3) should parse (test/raw.js:20:8)</c>, listed under its error (<see cref="FailureGroups"/>: the same error in
/// 14 tests is written once). The suite path above the title goes (the file and line find the test); so do the
/// <c>at Context.&lt;anonymous&gt; (…)</c> wrapper around a location and a <c>+ expected - actual</c> block that only
/// repeats the two values the error line states. A failure section that does not read as mocha's is left to the
/// line rules.
/// </summary>
internal sealed class MochaRules
{
    private readonly int _summary;

    /// <summary>The numbers of the failures printed in full below the summary. A listed failure whose details are
    /// missing (the output was cut, as by <c>| head</c>) keeps its title line: it is the only place that names it.</summary>
    private readonly HashSet<int> _detailed = [];

    public MochaRules(string[] lines)
    {
        _summary = -1;
        for (int k = 0; k < lines.Length; k++)
        {
            if (IsCount(lines[k], " passing"))
            {
                _summary = k;
                break;
            }
        }
        int failing = _summary < 0 ? -1 : Array.FindIndex(lines, _summary, l => IsCount(l, " failing"));
        for (int k = failing + 1; failing >= 0 && k < lines.Length; k++)
        {
            if (NumberOf(lines[k].AsSpan().Trim()) is int n)
            {
                _detailed.Add(n);
            }
        }
    }

    public bool TryHandle(string[] lines, ref int i, TestTally tally, List<object> items)
    {
        string line = lines[i];
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        if (s.StartsWith("✔") || s.StartsWith("✓") || s.StartsWith("√"))
        {
            tally.Passing++;
            i++;
            return true;
        }
        if (i >= _summary && _summary >= 0)
        {
            return TryFailures(lines, ref i, tally, items) || SkipValueDiff(lines, ref i, tally);
        }
        if (!s.IsEmpty && !s.ContainsAnyExcept(".,!"))
        {
            tally.Progress++;
            i++;
            return true;
        }
        if (NumberOf(s) is int number && _detailed.Contains(number))
        {
            i++;
            return true;
        }
        if (_summary >= 0 && !s.IsEmpty && IsSuiteHeading(lines, i))
        {
            i++;
            return true;
        }
        return false;
    }

    /// <summary>The numbered failures, read as a whole and written grouped by error.</summary>
    private static bool TryFailures(string[] lines, ref int i, TestTally tally, List<object> items)
    {
        if (!MochaFailures.IsFirstHeading(lines[i]) || !MochaFailures.TryRead(lines, i, tally, out List<TestFailure> failures, out int end))
        {
            return false;
        }
        FailureGroups.Write(items, failures, tally);
        tally.Recognised += failures.Count;
        i = end;
        return true;
    }

    /// <summary>
    /// The <c>+ expected - actual</c> block under a failure's error line when it is only the two values again, one
    /// property a line: the error line names both, so the block is counted, not written. A block with unchanged lines
    /// too (a structured value) is left to the line rules.
    /// </summary>
    private static bool SkipValueDiff(string[] lines, ref int i, TestTally tally)
    {
        if (!lines[i].AsSpan().Trim().SequenceEqual(MochaFailures.ValueDiffHeading))
        {
            return false;
        }
        int k = MochaFailures.ValueDiffEnd(lines, i, lines.Length, out bool valuesOnly);
        if (!valuesOnly)
        {
            return false;
        }
        for (; i < k; i++)
        {
            tally.ValueDiffs += Lines.IsBlank(lines[i]) ? 0 : 1;
        }
        return true;
    }

    private static bool IsCount(string line, string word)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        int space = s.IndexOf(' ');
        return space > 0 && Lines.IsDigits(s[..space]) && s[space..].StartsWith(word, StringComparison.Ordinal);
    }

    /// <summary>N of a <c>N) title</c> line; null for any other line.</summary>
    private static int? NumberOf(ReadOnlySpan<char> s)
    {
        int paren = s.IndexOf(')');
        return paren > 0 && paren <= 6 && paren + 1 < s.Length && s[paren + 1] == ' ' && Lines.IsDigits(s[..paren])
            ? int.Parse(s[..paren], System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// A describe() title: the next non-blank line is indented deeper, and is not a stack frame (an error the code
    /// under test logged while the tests ran, such as a server's <c>Error: boom</c> with its stack, is no title).
    /// </summary>
    private static bool IsSuiteHeading(string[] lines, int i)
    {
        int indent = Lines.Indent(lines[i]);
        for (int k = i + 1; k < lines.Length; k++)
        {
            if (Lines.IsBlank(lines[k]))
            {
                continue;
            }
            return Lines.Indent(lines[k]) > indent && StackFrames.Classify(lines[k]) == StackFrames.Kind.NotFrame;
        }
        return false;
    }
}
