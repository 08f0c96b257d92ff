using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// pytest. Progress lines (<c>....F.. [ 43%]</c>) and <c>PASSED</c> lines go. In the failures section each test keeps
/// its heading, its parameter values, the <c>def</c> line, the failing line (<c>&gt;</c>) and what follows it, every
/// <c>E</c> line and every <c>file.py:123:</c> location; the rest of the test's source (the agent has the file) goes,
/// and captured output is cut to its first and last lines. The warnings summary loses repeated lines. Section
/// rules are shortened to <c>===</c>.
/// </summary>
internal sealed class PytestRules
{
    public const int CapturedKept = 10;

    private enum Section { None, Header, Failures, Warnings, Other }

    private Section _section;
    private bool _failuresWritten;
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    /// <summary>Failures whose error and traceback repeat an earlier one's are written as a reference.</summary>
    private readonly FailureBlocks _failures = new();

    public bool TryHandle(string[] lines, ref int i, List<object> items, TestTally tally, HashSet<string> warnings)
    {
        string line = lines[i];
        if (TryRule(line, '=', out string title))
        {
            _section = title.Contains("FAILURES", StringComparison.Ordinal) || title.Contains("ERRORS", StringComparison.Ordinal) ? Section.Failures
                : title.Contains("warnings summary", StringComparison.Ordinal) ? Section.Warnings
                : title.Contains("test session starts", StringComparison.Ordinal) ? Section.Header
                : Section.Other;
            items.Add("=== " + title + " ===");
            tally.Recognised++;
            i++;
            return true;
        }
        if (IsProgress(line))
        {
            tally.Progress++;
            i++;
            return true;
        }
        if (line.Contains("::", StringComparison.Ordinal) && line.Contains(" PASSED", StringComparison.Ordinal) && !line.StartsWith(' '))
        {
            tally.Passing++;
            i++;
            return true;
        }
        if (_section == Section.Warnings)
        {
            if (!Lines.IsBlank(line) && !warnings.Add(line))
            {
                tally.Repeated++;
            }
            else if (!Lines.IsBlank(line))
            {
                items.Add(line);
            }
            i++;
            return true;
        }
        if (_section == Section.Failures && TryRule(line, '_', out string test))
        {
            i = WriteFailure(lines, i + 1, "___ " + test + " ___", test, items, tally);
            _failuresWritten = true;
            return true;
        }
        if (_failuresWritten && TryShortSummary(line, out string nodeId))
        {
            items.Add(nodeId);
            tally.Recognised++;
            i++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// <c>FAILED tests/a.py::test_x[1 - 2] - AssertionError: assert -1...</c> of the short summary, without the message
    /// after the node id: pytest cuts it to the terminal's width, and the failure above states it in full.
    /// </summary>
    internal static bool TryShortSummary(string line, out string nodeId)
    {
        nodeId = line;
        if (!line.StartsWith("FAILED ", StringComparison.Ordinal) && !line.StartsWith("ERROR ", StringComparison.Ordinal))
        {
            return false;
        }
        int depth = 0;
        for (int k = line.IndexOf(' ', StringComparison.Ordinal) + 1; k < line.Length; k++)
        {
            char c = line[k];
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth == 0 && c == ' ')
            {
                if (!line.AsSpan(k).StartsWith(" - ", StringComparison.Ordinal))
                {
                    return false;
                }
                nodeId = line[..k];
                return true;
            }
        }
        return false;
    }

    /// <summary><c>===== title =====</c> (or underscores): a run of the rule character, a title, another run.</summary>
    internal static bool TryRule(string line, char rule, out string title)
    {
        title = "";
        int n = line.Length;
        if (n < 7 || line[0] != rule || line[^1] != rule)
        {
            return false;
        }
        int a = 0;
        while (a < n && line[a] == rule)
        {
            a++;
        }
        int b = n;
        while (b > a && line[b - 1] == rule)
        {
            b--;
        }
        if (a < 3 || n - b < 3 || b - a < 3 || line[a] != ' ' || line[b - 1] != ' ')
        {
            return false;
        }
        title = line[(a + 1)..(b - 1)];
        return true;
    }

    /// <summary><c>tests/test_a.py ....F.s   [ 43%]</c> or <c>.......x....  [ 7%]</c>.</summary>
    internal static bool IsProgress(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().TrimEnd();
        if (!s.EndsWith("%]"))
        {
            return false;
        }
        int open = s.LastIndexOf('[');
        if (open < 1 || !Lines.IsDigits(s[(open + 1)..^2].Trim()))
        {
            return false;
        }
        ReadOnlySpan<char> marks = s[..open].TrimEnd();
        int space = marks.LastIndexOf(' ');
        if (space >= 0)
        {
            marks = marks[(space + 1)..];
        }
        return !marks.IsEmpty && !marks.ContainsAnyExcept(CharSets.PytestMarks);
    }

    private int WriteFailure(string[] lines, int i, string heading, string test, List<object> items, TestTally tally)
    {
        int end = i;
        while (end < lines.Length && !TryRule(lines[end], '_', out _) && !TryRule(lines[end], '=', out _))
        {
            end++;
        }
        var body = new List<string>();
        bool afterFailingLine = false;
        bool keepNextSource = false;
        int captured = -1;
        int capturedTotal = 0;
        for (int k = i; k < end; k++)
        {
            string line = lines[k];
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (line.StartsWith('-') && line.Contains(" Captured ", StringComparison.Ordinal))
            {
                body.Add(line.Trim('-', ' ') is { Length: > 0 } c ? "--- " + c + " ---" : line);
                captured = 0;
                capturedTotal = CountCapturedLeft(lines, k + 1, end);
                continue;
            }
            if (captured >= 0)
            {
                captured++;
                // The first and the last CapturedKept lines of the section stay.
                if (captured <= CapturedKept || capturedTotal - captured < CapturedKept)
                {
                    body.Add(line);
                }
                else
                {
                    tally.Captured++;
                }
                continue;
            }
            if (IsVerbosityHint(line))
            {
                tally.Noise++;
                continue;
            }
            if (IsFrameRule(line))
            {
                // The "_ _ _ _" rule between the frames of a long traceback: a short one says the same.
                body.Add("_ _ _");
                continue;
            }
            // Test source as pytest lists it (indented four): only the def line, the failing line (">") and what
            // follows it, and the one line a short or native traceback shows under each location, stay.
            bool source = line.StartsWith("    ", StringComparison.Ordinal);
            if (!source)
            {
                afterFailingLine = line.StartsWith('>') || (afterFailingLine && line.StartsWith("E ", StringComparison.Ordinal));
                keepNextSource = IsLocation(line) || line.TrimStart().StartsWith("File \"", StringComparison.Ordinal);
                body.Add(line);
                continue;
            }
            string trimmed = line.TrimStart();
            if (keepNextSource || afterFailingLine || trimmed.StartsWith("def ", StringComparison.Ordinal)
                || trimmed.StartsWith("async def ", StringComparison.Ordinal))
            {
                body.Add(line);
                keepNextSource = false;
                continue;
            }
            tally.SourceLines++;
        }
        items.Add(heading);
        tally.Recognised++;
        string? reference = _failures.Reference(test, body, "");
        if (reference is null)
        {
            ReferToRepeatedSource(body, test, tally);
            items.AddRange(body);
        }
        else
        {
            items.Add(reference);
            tally.Repeated += body.Count;
        }
        return end;
    }

    /// <summary><c>_ _ _ _ _ _</c> across the terminal, between two frames of a long traceback.</summary>
    internal static bool IsFrameRule(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().TrimEnd();
        return s.Length >= 9 && !s.ContainsAnyExcept("_ ") && s.StartsWith("_ _", StringComparison.Ordinal);
    }

    /// <summary>pytest's advice inside an assertion diff: <c>E   Use -v to get more diff</c>, <c>…, use -vv to show</c>.</summary>
    internal static bool IsVerbosityHint(string line)
    {
        if (!line.StartsWith("E ", StringComparison.Ordinal))
        {
            return false;
        }
        ReadOnlySpan<char> s = line.AsSpan(2).Trim();
        return s.StartsWith("Use -v", StringComparison.Ordinal) || s.EndsWith("use -vv to show", StringComparison.Ordinal)
            || s.EndsWith("use -v to show", StringComparison.Ordinal);
    }

    /// <summary>
    /// The test source a failure shows before its <c>E</c> lines (the <c>def</c> line, the failing <c>&gt;</c> line), in
    /// each frame of its traceback: when an earlier failure showed the same lines (another parameter set of the same
    /// test, the same helper failing again), one reference replaces them.
    /// </summary>
    private void ReferToRepeatedSource(List<string> body, string test, TestTally tally)
    {
        // Captured output, which comes after the traceback, may be indented like source: it is not looked at.
        int limit = body.FindIndex(l => l.StartsWith("--- ", StringComparison.Ordinal) && l.Contains(" Captured ", StringComparison.Ordinal));
        limit = limit < 0 ? body.Count : limit;
        int start = 0;
        while (start < limit && (start = body.FindIndex(start, limit - start, IsSourceLine)) >= 0)
        {
            int end = start;
            while (end < limit && IsSourceLine(body[end]))
            {
                end++;
            }
            if (end - start >= 2)
            {
                string key = string.Join('\n', body.GetRange(start, end - start));
                if (_sources.TryGetValue(key, out string? first))
                {
                    body.RemoveRange(start, end - start);
                    body.Insert(start, "    [same source lines as " + first + "]");
                    tally.Repeated += end - start;
                    limit -= end - start - 1;
                    end = start + 1;
                }
                else
                {
                    _sources[key] = test;
                }
            }
            start = end;
        }
    }

    private static bool IsSourceLine(string line) => line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('>');

    private static int CountCapturedLeft(string[] lines, int from, int end)
    {
        int n = 0;
        for (int k = from; k < end; k++)
        {
            if (lines[k].StartsWith('-') && lines[k].Contains(" Captured ", StringComparison.Ordinal))
            {
                break;
            }
            if (!Lines.IsBlank(lines[k]))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary><c>tests/test_types.py:35: AssertionError</c>, <c>src/a.py:12: in helper</c>.</summary>
    private static bool IsLocation(string line) =>
        !line.StartsWith(' ') && GrepCompressor.TryMatch(line, out int pathEnd, out _)
        && line.AsSpan(0, pathEnd).EndsWith(".py", StringComparison.Ordinal);
}
