namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>dotnet test</c> (VSTest with xUnit, NUnit, MSTest). Passing-test lines and xUnit's <c>[FAIL]</c> echoes (the
/// same failures are printed again in full) go; each <c>Failed X [2 ms]</c> block keeps its error message and the
/// frames of the user's code, without framework frames; a block identical to an earlier one becomes a reference.
/// </summary>
internal static class DotnetTestRules
{
    private static readonly string[] Noise =
    [
        "Test run for ", "A total of ", "Starting test execution", "VSTest version", "Microsoft (R) Test Execution",
        "Copyright (c) Microsoft", "--- End of stack trace from previous location",
    ];

    /// <summary>Whether VSTest prints <c>Failed X [1 ms]</c> blocks (then xUnit's own copies of them can go).</summary>
    public static bool HasResultBlocks(string[] lines)
    {
        foreach (string line in lines)
        {
            if (IsResultLine(line, "  Failed ") || IsResultLine(line, "  Passed "))
            {
                return true;
            }
        }
        return false;
    }

    public static bool TryHandle(string[] lines, ref int i, List<object> items, TestTally tally, FailureBlocks failures, bool vstestBlocks)
    {
        string line = lines[i];
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        if (line.StartsWith("[xUnit.net ", StringComparison.Ordinal)
            && (vstestBlocks || s.EndsWith("[FAIL]") || s.EndsWith("[SKIP]") || s.Contains("Discovering:", StringComparison.Ordinal)
                || s.Contains("Discovered:", StringComparison.Ordinal) || s.Contains("Starting:", StringComparison.Ordinal)
                || s.Contains("Finished:", StringComparison.Ordinal)))
        {
            tally.Noise++;
            i++;
            return true;
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
            if (b.AsSpan().TrimStart().StartsWith("--- End of stack trace from previous location", StringComparison.Ordinal))
            {
                tally.LibraryFrames++;
                continue;
            }
            if (StackFrames.Classify(b) == StackFrames.Kind.Library)
            {
                tally.LibraryFrames++;
                continue;
            }
            body.Add(b);
        }
        string name = line.Trim()["Failed ".Length..];
        int timing = name.LastIndexOf(" [", StringComparison.Ordinal);
        name = timing > 0 ? name[..timing] : name;
        items.Add(line);
        tally.Recognised++;
        string? reference = failures.Reference(name, body, "  ");
        if (reference is null)
        {
            items.AddRange(body);
        }
        else
        {
            items.Add(reference);
            tally.Repeated += body.Count;
        }
        i = j;
        return true;
    }

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
