namespace FlowRouter.TokenSaver.Compressors;

/// <summary>One failed test as a runner rule read it: how to name it (with its location when the runner gives one),
/// the lines of its error, and the frames of the user's code under it (innermost first).</summary>
internal sealed record TestFailure(string Label, List<string> Error, List<string> Frames);

/// <summary>
/// Writes failed tests grouped by their error: the error text is written once, the tests that failed with exactly
/// that text are listed under it (the same assertion failing in 14 tests reads as one cause, not 14), and the frames
/// every test of a group shares are written once, under the error. Groups keep the order in which their first test
/// failed; tests keep the runner's order within a group. Nothing of a failure is dropped except the repeats.
/// </summary>
internal sealed class FailureGroups
{
    private readonly List<TestFailure> _failures = [];
    private int _anchor = -1;

    public bool IsEmpty => _failures.Count == 0;

    /// <summary>Takes a failure; the groups are written where the first one stood in <paramref name="items"/>.</summary>
    public void Add(List<object> items, TestFailure failure)
    {
        if (_anchor < 0)
        {
            _anchor = items.Count;
        }
        _failures.Add(failure);
    }

    /// <summary>Writes the failures taken so far into <paramref name="items"/>, at the place of the first one.</summary>
    public void Flush(List<object> items, TestTally tally)
    {
        if (_failures.Count == 0)
        {
            return;
        }
        var lines = new List<object>();
        Write(lines, _failures, tally);
        items.InsertRange(_anchor, lines);
        _failures.Clear();
        _anchor = -1;
    }

    /// <summary>Writes failures read as a whole (mocha's numbered list) grouped, at the end of <paramref name="items"/>.</summary>
    public static void Write(List<object> items, List<TestFailure> failures, TestTally tally)
    {
        foreach (List<TestFailure> group in Group(failures))
        {
            WriteGroup(group, items, tally);
        }
    }

    private static List<List<TestFailure>> Group(List<TestFailure> failures)
    {
        var byError = new Dictionary<string, List<TestFailure>>(StringComparer.Ordinal);
        var order = new List<List<TestFailure>>();
        foreach (TestFailure f in failures)
        {
            string key = string.Join('\n', f.Error);
            if (!byError.TryGetValue(key, out List<TestFailure>? group))
            {
                group = [];
                byError[key] = group;
                order.Add(group);
            }
            group.Add(f);
        }
        return order;
    }

    private static void WriteGroup(List<TestFailure> group, List<object> lines, TestTally tally)
    {
        List<string> error = group[0].Error;
        if (error.Count == 0)
        {
            lines.Add("[no error message]");
        }
        lines.AddRange(error);
        tally.Repeated += error.Count * (group.Count - 1);
        int shared = group.Count > 1 ? SharedFrames(group) : 0;
        for (int k = 0; k < shared; k++)
        {
            lines.Add("  " + group[0].Frames[k]);
        }
        tally.Repeated += shared * (group.Count - 1);
        foreach (TestFailure f in group)
        {
            lines.Add("  " + f.Label);
            for (int k = shared; k < f.Frames.Count; k++)
            {
                lines.Add("    " + f.Frames[k]);
            }
        }
    }

    /// <summary>How many innermost frames all the tests of a group have in common.</summary>
    private static int SharedFrames(List<TestFailure> group)
    {
        int n = group[0].Frames.Count;
        foreach (TestFailure f in group)
        {
            int k = 0;
            while (k < n && k < f.Frames.Count && string.Equals(f.Frames[k], group[0].Frames[k], StringComparison.Ordinal))
            {
                k++;
            }
            n = k;
        }
        return n;
    }
}
