namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>dotnet test</c> (VSTest with xUnit, NUnit, MSTest). Passing-test lines and xUnit's <c>[FAIL]</c> echoes (of the
/// failures printed again in full) go; each <c>Failed X [2 ms]</c> block keeps its error message and the
/// frames of the user's code, without framework frames, and is written grouped by error (<see cref="FailureGroups"/>)
/// before the run's summary: the same message in five tests is written once, with the five names under it. The
/// timing after a name and the <c>Error Message:</c>/<c>Stack Trace:</c> labels go.
/// </summary>
internal static class DotnetTestRules
{
    private static readonly string[] Noise =
    [
        "Test run for ", "A total of ", "Starting test execution", "VSTest version", "Microsoft (R) Test Execution",
        "Copyright (c) Microsoft", AsyncSeam,
    ];

    /// <summary>.NET's line between the synchronous and asynchronous parts of a stack trace.</summary>
    private const string AsyncSeam = "--- End of stack trace from previous location";

    /// <summary>
    /// The names of the tests VSTest prints a <c>Failed X [1 ms]</c> block for (xUnit's own <c>[FAIL]</c> copies of
    /// those can go), or null when it prints no result blocks at all.
    /// </summary>
    public static HashSet<string>? FailedBlockNames(string[] lines)
    {
        HashSet<string>? names = null;
        foreach (string line in lines)
        {
            if (IsResultLine(line, "  Failed "))
            {
                (names ??= new HashSet<string>(StringComparer.Ordinal)).Add(BlockName(line));
            }
            else if (IsResultLine(line, "  Passed "))
            {
                names ??= new HashSet<string>(StringComparer.Ordinal);
            }
        }
        return names;
    }

    /// <summary><c>  Failed Name [2 ms]</c> → <c>Name</c>.</summary>
    private static string BlockName(string line)
    {
        string name = line.Trim()["Failed ".Length..];
        int timing = name.LastIndexOf(" [", StringComparison.Ordinal);
        return timing > 0 ? name[..timing] : name;
    }

    public static bool TryHandle(string[] lines, ref int i, List<object> items, TestTally tally, FailureGroups groups, HashSet<string>? failedBlocks)
    {
        string line = lines[i];
        if (IsSummary(line))
        {
            groups.Flush(items, tally);
            return false;
        }
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        if (line.StartsWith("[xUnit.net ", StringComparison.Ordinal))
        {
            return TryXunitLine(line, ref i, items, tally, failedBlocks);
        }
        foreach (string n in Noise)
        {
            if (s.StartsWith(n, StringComparison.Ordinal))
            {
                tally.Noise++;
                i++;
                return true;
            }
        }
        if (IsResultLine(line, "  Passed "))
        {
            tally.Passing++;
            i++;
            return true;
        }
        if (!IsResultLine(line, "  Failed "))
        {
            return false;
        }
        int j = i + 1;
        var body = new List<string>();
        while (j < lines.Length && !EndsBlock(lines[j]))
        {
            string b = lines[j];
            j++;
            if (b.AsSpan().Trim().IsEmpty)
            {
                continue;
            }
            if (b.AsSpan().TrimStart().StartsWith(AsyncSeam, StringComparison.Ordinal)
                || StackFrames.Classify(b) == StackFrames.Kind.Library)
            {
                tally.LibraryFrames++;
                continue;
            }
            body.Add(b);
        }
        groups.Add(items, Failure(BlockName(line), body, tally));
        tally.Recognised++;
        i = j;
        return true;
    }

    /// <summary>
    /// xUnit's own progress lines. Its <c>Name [FAIL]</c> echo goes when VSTest prints the same failure in full
    /// (a <c>Failed Name [2 ms]</c> block). Without that block (<c>dotnet test -v q</c>, or an output cut before it) the
    /// echo is the only place that names the failed test, so it stays, without xUnit's timestamp; so do <c>[SKIP]</c>
    /// echoes when VSTest prints no result blocks.
    /// </summary>
    private static bool TryXunitLine(string line, ref int i, List<object> items, TestTally tally, HashSet<string>? failedBlocks)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        bool failed = s.EndsWith("[FAIL]");
        bool verdict = failed || s.EndsWith("[SKIP]");
        int close = line.IndexOf(']', StringComparison.Ordinal);
        string echoed = line[(close + 1)..].Trim();
        bool onlyHere = failedBlocks is null || (failed && !failedBlocks.Contains(echoed[..^"[FAIL]".Length].TrimEnd()));
        if (verdict && onlyHere)
        {
            items.Add("  " + echoed);
            tally.Recognised++;
            i++;
            return true;
        }
        if (failedBlocks is not null || verdict || s.Contains("Discovering:", StringComparison.Ordinal)
            || s.Contains("Discovered:", StringComparison.Ordinal) || s.Contains("Starting:", StringComparison.Ordinal)
            || s.Contains("Finished:", StringComparison.Ordinal))
        {
            tally.Noise++;
            i++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// One <c>Failed</c> block as a failure: the lines of its <c>Error Message:</c> are its error; the lines of its
    /// <c>Stack Trace:</c> (the user's frames, an inner exception's stack heading) and of any later section
    /// (<c>Standard Output Messages:</c>, with its heading) go under its name, in their order. The test method's own
    /// frame becomes the place on the name line: <c>Failed T.A in /s/T.cs:line 7</c>.
    /// </summary>
    private static TestFailure Failure(string name, List<string> body, TestTally tally)
    {
        var error = new List<string>();
        var stack = new List<string>();
        var other = new List<string>();
        List<string> section = error;
        foreach (string b in body)
        {
            string t = b.Trim();
            if (IsSectionHeading(b))
            {
                section = t == "Error Message:" ? error : t == "Stack Trace:" ? stack : other;
                if (section == other)
                {
                    other.Add(t);
                }
                else
                {
                    tally.Noise++;
                }
                continue;
            }
            section.Add(section == error && error.Count > 0 ? b.TrimEnd() : t);
        }
        string label = "Failed " + name;
        if (stack.Count > 0 && IsFrameOf(stack[^1], name, out string place))
        {
            label += place;
            stack.RemoveAt(stack.Count - 1);
        }
        stack.AddRange(other);
        return new TestFailure(label, error, stack);
    }

    /// <summary>VSTest's <c>  Error Message:</c>, <c>  Stack Trace:</c>, <c>  Standard Output Messages:</c>, ….</summary>
    private static bool IsSectionHeading(string line) =>
        line.Length > 3 && line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ' && line.EndsWith(':')
        && (line.EndsWith(" Message:", StringComparison.Ordinal) || line.EndsWith(" Messages:", StringComparison.Ordinal)
            || line.EndsWith(" Trace:", StringComparison.Ordinal) || line.EndsWith(" Info:", StringComparison.Ordinal));

    /// <summary>
    /// Whether <paramref name="frame"/> (<c>at T.A(Type x) in /s/T.cs:line 7</c>) is the frame of the test method
    /// <paramref name="name"/> (<c>T.A(x: 1)</c>); <paramref name="place"/> is then its <c> in /s/T.cs:line 7</c>.
    /// </summary>
    private static bool IsFrameOf(string frame, string name, out string place)
    {
        place = "";
        int open = frame.IndexOf('(', StringComparison.Ordinal);
        int at = frame.IndexOf(") in ", StringComparison.Ordinal);
        if (!frame.StartsWith("at ", StringComparison.Ordinal) || open < 0 || at < open)
        {
            return false;
        }
        int args = name.IndexOf('(', StringComparison.Ordinal);
        ReadOnlySpan<char> method = args < 0 ? name : name.AsSpan(0, args);
        if (!frame.AsSpan(3, open - 3).SequenceEqual(method))
        {
            return false;
        }
        place = frame[(at + 1)..];
        return true;
    }

    /// <summary>A run's closing summary: the failures read so far are written before it.</summary>
    private static bool IsSummary(string line) =>
        line.StartsWith("Failed!", StringComparison.Ordinal) || line.StartsWith("Passed!", StringComparison.Ordinal)
        || line.StartsWith("Test Run ", StringComparison.Ordinal) || line.StartsWith("Total tests:", StringComparison.Ordinal)
        || line.StartsWith("Results File:", StringComparison.Ordinal);

    /// <summary><c>  Passed Name [12 ms]</c>, <c>  Failed Name [&lt; 1 ms]</c>.</summary>
    private static bool IsResultLine(string line, string prefix) =>
        line.StartsWith(prefix, StringComparison.Ordinal) && line.EndsWith(']') && line.Contains(" [", StringComparison.Ordinal);

    private static bool EndsBlock(string line) =>
        IsResultLine(line, "  Failed ") || IsResultLine(line, "  Passed ") || line.StartsWith("  Skipped ", StringComparison.Ordinal)
        || line.StartsWith("[xUnit.net ", StringComparison.Ordinal) || line.StartsWith("Failed!", StringComparison.Ordinal)
        || line.StartsWith("Passed!", StringComparison.Ordinal) || line.StartsWith("Test Run ", StringComparison.Ordinal)
        || line.StartsWith("Total tests:", StringComparison.Ordinal) || line.StartsWith("Results File:", StringComparison.Ordinal)
        || line.StartsWith("Test run for ", StringComparison.Ordinal);
}
