using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Reads mocha's numbered failure section (after <c>N failing</c>): each <c>  N) suite</c> heading, the deeper title
/// lines under it up to the one ending in <c>:</c>, then the error, its <c>+ expected - actual</c> block and its
/// stack. Gives each failure as its number and title with the places of the user's code, and its error lines.
/// Reads nothing (and the line rules take over) when a heading does not end in a title line.
/// </summary>
internal static class MochaFailures
{
    /// <summary>More title lines than this under one heading is not a mocha failure heading.</summary>
    private const int MaxTitleLines = 16;

    private sealed class Counts
    {
        public int LibraryFrames;
        public int ValueDiffs;
        public int SuiteTitles;
    }

    /// <summary>Whether <paramref name="line"/> is the heading of the first failure: <c>  1) suite</c>.</summary>
    public static bool IsFirstHeading(string line) =>
        Lines.Indent(line) <= 4 && line.AsSpan().TrimStart().StartsWith("1) ", StringComparison.Ordinal);

    public static bool TryRead(string[] lines, int start, TestTally tally, out List<TestFailure> failures, out int end)
    {
        failures = [];
        end = start;
        List<int> headings = Headings(lines, start);
        var counts = new Counts();
        for (int n = 0; n < headings.Count; n++)
        {
            bool last = n == headings.Count - 1;
            int limit = last ? lines.Length : headings[n + 1];
            if (!TryReadOne(lines, headings[n], limit, last, counts, out TestFailure? failure, out end))
            {
                failures.Clear();
                return false;
            }
            failures.Add(failure);
        }
        tally.LibraryFrames += counts.LibraryFrames;
        tally.ValueDiffs += counts.ValueDiffs;
        tally.SuiteTitles += counts.SuiteTitles;
        return true;
    }

    /// <summary>The lines of <c>1)</c>, <c>2)</c>, … at the indentation of the first, in order.</summary>
    private static List<int> Headings(string[] lines, int start)
    {
        var headings = new List<int> { start };
        int indent = Lines.Indent(lines[start]);
        string next = "2) ";
        for (int k = start + 1; k < lines.Length; k++)
        {
            if (Lines.Indent(lines[k]) == indent && lines[k].AsSpan(indent).StartsWith(next, StringComparison.Ordinal))
            {
                headings.Add(k);
                next = Marker.Num(headings.Count + 1) + ") ";
            }
        }
        return headings;
    }

    private static bool TryReadOne(string[] lines, int heading, int limit, bool last, Counts counts,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TestFailure? failure, out int end)
    {
        failure = null;
        end = limit;
        var title = new List<string>();
        int k = heading;
        while (k < limit && title.Count < MaxTitleLines && (title.Count == 0 || !title[^1].EndsWith(':')))
        {
            string t = lines[k].Trim();
            if (t.Length == 0)
            {
                return false;
            }
            title.Add(t);
            k++;
        }
        if (title.Count == 0 || !title[^1].EndsWith(':'))
        {
            return false;
        }
        int paren = title[0].IndexOf(") ", StringComparison.Ordinal);
        string number = title[0][..paren];
        string name = title.Count == 1 ? title[0][(paren + 2)..^1] : title[^1][..^1];
        counts.SuiteTitles += title.Count - 1;
        var error = new List<string>();
        var places = new List<string>();
        end = ReadBody(lines, k, limit, last, counts, error, places);
        string label = number + ") " + name + (places.Count > 0 ? " (" + string.Join(", ", places) + ")" : "");
        failure = new TestFailure(label, error, []);
        return true;
    }

    /// <summary>
    /// The error lines and the user's frames of one failure; returns where it ends. The last failure ends at the
    /// first blank line after its stack (what follows is the runner's, or npm's, own output), or after its error when
    /// no stack follows at all; a blank line inside the error (node's assertion messages have them) does not end it.
    /// </summary>
    private static int ReadBody(string[] lines, int k, int limit, bool last, Counts counts, List<string> error, List<string> places)
    {
        bool framesSeen = false;
        while (k < limit)
        {
            string line = lines[k];
            string t = line.Trim();
            if (t.Length == 0)
            {
                if (last && (framesSeen || (error.Count > 0 && !FrameFollows(lines, k, limit))))
                {
                    return k;
                }
                k++;
                continue;
            }
            if (t == ValueDiffHeading)
            {
                k = ReadValueDiff(lines, k, limit, counts, error);
                continue;
            }
            StackFrames.Kind kind = TestOutputCompressor.IsAsyncSeparator(line) ? StackFrames.Kind.Library : StackFrames.Classify(line);
            if (kind == StackFrames.Kind.Library)
            {
                counts.LibraryFrames++;
                framesSeen = true;
            }
            else if (kind == StackFrames.Kind.User && t.StartsWith("at ", StringComparison.Ordinal))
            {
                places.Add(Place(t));
                framesSeen = true;
            }
            else
            {
                error.Add(error.Count == 0 ? t : line.TrimEnd());
            }
            k++;
        }
        return limit;
    }

    internal const string ValueDiffHeading = "+ expected - actual";

    /// <summary>
    /// The <c>+ expected - actual</c> block at <paramref name="k"/>, up to the blank line that ends it. When every line
    /// of it is a <c>+</c> or <c>-</c> line, it is the two values again, which the error line states: counted, not
    /// kept. When it has unchanged lines too (a structured value, where they show where the change is), it stays
    /// whole with the error, heading included (it says which side is which). Returns the line after the block.
    /// </summary>
    private static int ReadValueDiff(string[] lines, int k, int limit, Counts counts, List<string> error)
    {
        int end = ValueDiffEnd(lines, k, limit, out bool valuesOnly);
        for (int m = k; m < end; m++)
        {
            if (Lines.IsBlank(lines[m]))
            {
                continue;
            }
            if (valuesOnly)
            {
                counts.ValueDiffs++;
            }
            else
            {
                error.Add(lines[m].TrimEnd());
            }
        }
        return end;
    }

    /// <summary>
    /// Where the <c>+ expected - actual</c> block that starts at <paramref name="heading"/> ends: after the blank
    /// lines under the heading, its lines run to the next blank line (or stack frame).
    /// </summary>
    internal static int ValueDiffEnd(string[] lines, int heading, int limit, out bool valuesOnly)
    {
        valuesOnly = true;
        int k = heading + 1;
        while (k < limit && Lines.IsBlank(lines[k]))
        {
            k++;
        }
        while (k < limit && !Lines.IsBlank(lines[k]) && StackFrames.Classify(lines[k]) == StackFrames.Kind.NotFrame)
        {
            valuesOnly &= lines[k].AsSpan().TrimStart() is ['+' or '-', ..];
            k++;
        }
        return k;
    }

    /// <summary>Whether a stack frame comes after the blank line at <paramref name="k"/>, before two blank lines in a row.</summary>
    private static bool FrameFollows(string[] lines, int k, int limit)
    {
        for (int m = k + 1; m < limit; m++)
        {
            if (Lines.IsBlank(lines[m]))
            {
                if (Lines.IsBlank(lines[m - 1]))
                {
                    return false;
                }
                continue;
            }
            if (StackFrames.Classify(lines[m]) != StackFrames.Kind.NotFrame || TestOutputCompressor.IsAsyncSeparator(lines[m]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A frame as its place: <c>at Context.&lt;anonymous&gt; (test/a.js:3:8)</c> → <c>test/a.js:3:8</c>; a named
    /// function keeps its name: <c>helper (test/h.js:1:2)</c>.
    /// </summary>
    internal static string Place(string frame)
    {
        string s = frame[3..];
        int open = s.LastIndexOf(" (", StringComparison.Ordinal);
        if (open <= 0 || !s.EndsWith(')'))
        {
            return s;
        }
        string function = s[..open];
        return function.EndsWith("<anonymous>", StringComparison.Ordinal) ? s[(open + 2)..^1] : s;
    }
}
