using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Stack traces and crash reports: Python tracebacks (chained ones included), .NET exceptions (inner ones included),
/// Node errors, Java, Go panics and AddressSanitizer reports, alone or inside server logs. Kept: every exception
/// line (type and message), every chaining line, every frame of the user's own code with its source line, the last
/// frame before the exception (where it was raised), sanitizer summaries and allocation headings. Condensed: a run of
/// runtime/library/third-party frames becomes <c>[… 7 library frames omitted]</c>; a trace printed again in full is
/// written once; Python's <c>^^^^</c> column markers and the sanitizer's shadow-memory dump go.
/// </summary>
internal static class StackTraceCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        var seenTraces = new HashSet<string>(StringComparer.Ordinal);
        int frames = 0;
        int omitted = 0;
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (line.StartsWith("Shadow bytes around the buggy address:", StringComparison.Ordinal))
            {
                int j = i;
                while (j < lines.Length && !lines[j].StartsWith("==", StringComparison.Ordinal))
                {
                    j++;
                }
                w.Line(Marker.Omitted(j - i, "shadow memory lines"));
                omitted += j - i;
                i = j;
                continue;
            }
            if (StackFrames.Classify(line) == StackFrames.Kind.NotFrame && !IsPairStart(lines, i))
            {
                if (!StackFrames.IsCaretLine(line) || i == 0)
                {
                    w.Line(line);
                }
                else
                {
                    omitted++;
                }
                i++;
                continue;
            }
            // A block of frames (with their source lines): condense it as a whole.
            int end = BlockEnd(lines, i);
            frames += end - i;
            omitted += WriteBlock(lines, i, end, w, seenTraces, PreviousLine(lines, i));
            i = end;
        }
        return frames == 0 || omitted == 0 ? null : w.ToString(Lines.EndsWithNewline(text));
    }

    private static string PreviousLine(string[] lines, int i) => i > 0 ? lines[i - 1] : "";

    private static bool IsPairStart(string[] lines, int i) =>
        i + 1 < lines.Length && StackFrames.ClassifyPair(lines[i], lines[i + 1]) != StackFrames.Kind.NotFrame;

    /// <summary>Frames and what belongs to them (Python source lines and carets, Go location lines).</summary>
    private static int BlockEnd(string[] lines, int i)
    {
        bool python = lines[i].TrimStart().StartsWith("File \"", StringComparison.Ordinal);
        int j = i;
        while (j < lines.Length)
        {
            if (StackFrames.Classify(lines[j]) != StackFrames.Kind.NotFrame)
            {
                j++;
                // Python: the source line and caret lines under a File line.
                while (python && j < lines.Length && IsPythonDetail(lines[j - 1], lines[j]))
                {
                    j++;
                }
                continue;
            }
            if (IsPairStart(lines, j))
            {
                j += 2;
                continue;
            }
            break;
        }
        return j;
    }

    private static bool IsPythonDetail(string previous, string line) =>
        line.StartsWith("    ", StringComparison.Ordinal) && StackFrames.Classify(line) == StackFrames.Kind.NotFrame
        && (previous.TrimStart().StartsWith("File \"", StringComparison.Ordinal) || StackFrames.IsCaretLine(line)
            || StackFrames.IsCaretLine(previous) || previous.StartsWith("    ", StringComparison.Ordinal));

    private static int WriteBlock(string[] lines, int from, int to, LineWriter w, HashSet<string> seen, string errorLine)
    {
        string key = errorLine + "\n" + string.Join('\n', lines, from, to - from);
        if (to - from > 2 && !seen.Add(key))
        {
            string indent = lines[from][..Lines.Indent(lines[from])];
            w.Line(indent + Marker.Omitted(to - from, "lines of the same stack trace as above"));
            return to - from;
        }
        // Split into frames: each starts at a frame line (or a Go function line).
        var units = new List<(int Start, int End, bool Library)>();
        int k = from;
        while (k < to)
        {
            int start = k;
            bool library;
            if (IsPairStart(lines, k) && StackFrames.Classify(lines[k]) == StackFrames.Kind.NotFrame)
            {
                library = StackFrames.ClassifyPair(lines[k], lines[k + 1]) == StackFrames.Kind.Library;
                k += 2;
            }
            else
            {
                library = StackFrames.Classify(lines[k]) == StackFrames.Kind.Library;
                k++;
                while (k < to && StackFrames.Classify(lines[k]) == StackFrames.Kind.NotFrame && !IsPairStart(lines, k))
                {
                    k++;
                }
            }
            units.Add((start, k, library));
        }
        // The innermost frame says where the exception was raised: keep it even when it is a library's. Python prints
        // it last; the others print it first.
        bool pythonOrder = lines[from].TrimStart().StartsWith("File \"", StringComparison.Ordinal);
        int keepIndex = pythonOrder ? units.Count - 1 : 0;
        string? root = FramePaths.AppRoot(lines, units, pythonOrder);
        int omitted = 0;
        int u = 0;
        while (u < units.Count)
        {
            if (!Collapsible(lines, units, u, keepIndex, root))
            {
                WriteUnit(lines, units[u].Start, units[u].End, w, ref omitted);
                u++;
                continue;
            }
            // Unit u is collapsible (tested above): the run starts there.
            int run = u;
            int library = 0;
            int outside = 0;
            do
            {
                if (units[run].Library)
                {
                    library++;
                }
                else
                {
                    outside++;
                }
                run++;
            }
            while (run < units.Count && Collapsible(lines, units, run, keepIndex, root));
            if (library + outside == 1 && UnitLength(lines, units[u]) <= MaxLoneFrame)
            {
                WriteUnit(lines, units[u].Start, units[u].End, w, ref omitted);
            }
            else
            {
                string indent = lines[units[u].Start][..Lines.Indent(lines[units[u].Start])];
                // Node ends the last frame with " {" when the error has properties; keep the brace.
                string brace = lines[units[run - 1].End - 1].EndsWith(" {", StringComparison.Ordinal) ? " {" : "";
                w.Line(indent + Marker.OmittedList((outside, "frames outside " + root), (library, "library frames")) + brace);
                for (int m = u; m < run; m++)
                {
                    omitted += units[m].End - units[m].Start;
                }
            }
            u = run;
        }
        return omitted;
    }

    /// <summary>A lone library frame up to this long stays: its marker would save next to nothing.</summary>
    private const int MaxLoneFrame = 60;

    private static int UnitLength(string[] lines, (int Start, int End, bool Library) unit)
    {
        int n = 0;
        for (int m = unit.Start; m < unit.End; m++)
        {
            n += lines[m].Trim().Length;
        }
        return n;
    }

    /// <summary>
    /// A frame that may go into a <c>[… N frames omitted]</c> run: a library frame, or a frame of code outside the
    /// application's own directory (a framework run from a source checkout); never the frame that raised.
    /// </summary>
    private static bool Collapsible(string[] lines, List<(int Start, int End, bool Library)> units, int u, int keepIndex, string? root) =>
        u != keepIndex && (units[u].Library || (root is not null && FramePaths.IsOutside(lines[units[u].Start], root)));

    private static void WriteUnit(string[] lines, int start, int end, LineWriter w, ref int omitted)
    {
        for (int m = start; m < end; m++)
        {
            if (m > start && StackFrames.IsCaretLine(lines[m]))
            {
                omitted++;
                continue;
            }
            w.Line(lines[m]);
        }
    }
}
