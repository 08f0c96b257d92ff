using System.Globalization;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// One unified-diff hunk, re-emitted with at most <see cref="Context"/> unchanged lines around each change (what
/// <c>git diff -U0</c> would print; a gap of one or two unchanged lines between changes stays), its header reduced to
/// the first line number of each side that has lines (<c>@@ -241 +241 @@</c>, <c>@@ +48 @@</c>, <c>@@ -11 @@</c>):
/// the counts are the lines that follow, and the function-context tail goes. Where a longer unchanged stretch is cut,
/// a new header with the right line numbers starts the next part, so every kept line can be placed in the file. Every added and removed line is kept as it was. Combined (<c>--cc</c>) hunks, whose headers
/// cannot be split the same way, mark a cut with <c>[… N context lines omitted]</c>.
/// </summary>
internal static class DiffHunk
{
    public const int Context = 0;

    /// <summary>
    /// Writes the hunk whose header is <c>lines[i]</c>; returns the index after it, or -1 when the header is not one
    /// this class reads (the caller then keeps the line as it is).
    /// </summary>
    public static int Write(string[] lines, int i, LineWriter w, ref int contextOmitted)
    {
        string header = lines[i];
        int ats = 0;
        while (ats < header.Length && header[ats] == '@')
        {
            ats++;
        }
        if (ats < 2 || ats >= header.Length || header[ats] != ' ')
        {
            return -1;
        }
        int close = header.IndexOf(" " + new string('@', ats), ats, StringComparison.Ordinal);
        if (close < 0)
        {
            return -1;
        }
        string[] ranges = header[(ats + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The function-context tail after the closing @@ is not kept: the line numbers place the hunk.
        string bare = header[..(close + 1 + ats)];
        if (ranges.Length != ats)
        {
            return -1;
        }
        var starts = new int[ats];
        var counts = new int[ats];
        for (int r = 0; r < ats; r++)
        {
            char sign = r == ats - 1 ? '+' : '-';
            if (!TryParseRange(ranges[r], sign, out starts[r], out counts[r]))
            {
                return -1;
            }
        }
        int width = ats - 1;
        int end = FindEnd(lines, i + 1, width, counts);
        int changes = 0;
        for (int j = i + 1; j < end; j++)
        {
            if (Kind(lines[j], width) == LineKind.Change)
            {
                changes++;
            }
        }
        bool[] keep = KeepMask(lines, i + 1, end, width, out int cut);
        if (cut == 0 || changes == 0)
        {
            w.Line(width == 1 ? StartsHeader(starts[0], counts[0], starts[1], counts[1]) : bare);
            for (int j = i + 1; j < end; j++)
            {
                w.Line(lines[j]);
            }
            return end;
        }
        contextOmitted += cut;
        if (width == 1)
        {
            WriteSplit(lines, i + 1, end, keep, starts, w);
        }
        else
        {
            WriteMarked(lines, bare, i, end, keep, w);
        }
        return end;
    }

    private enum LineKind { Context, Change, Meta }

    private static LineKind Kind(string line, int width)
    {
        if (line.Length == 0)
        {
            return LineKind.Context;
        }
        if (line[0] == '\\')
        {
            return LineKind.Meta;
        }
        int n = Math.Min(width, line.Length);
        for (int k = 0; k < n; k++)
        {
            if (line[k] != ' ')
            {
                return LineKind.Change;
            }
        }
        return LineKind.Context;
    }

    private static bool IsBodyLine(string line, int width)
    {
        if (line.Length == 0)
        {
            return true;
        }
        if (line[0] == '\\')
        {
            return true;
        }
        if (line.Length < width)
        {
            return false;
        }
        for (int k = 0; k < width; k++)
        {
            if (line[k] is not (' ' or '+' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The end of the hunk body: counted from the header's line counts (so a removed line that reads
    /// <c>--- x</c> is not taken for a file header); stops early at a line no hunk can hold.</summary>
    private static int FindEnd(string[] lines, int j, int width, int[] counts)
    {
        int[] remaining = (int[])counts.Clone();
        while (j < lines.Length)
        {
            bool done = true;
            foreach (int r in remaining)
            {
                if (r > 0)
                {
                    done = false;
                }
            }
            string line = lines[j];
            if (done)
            {
                // A trailing "\ No newline at end of file" belongs to the hunk.
                return line.StartsWith('\\') ? j + 1 : j;
            }
            if (!IsBodyLine(line, width))
            {
                return j;
            }
            if (line.Length > 0 && line[0] == '\\')
            {
                j++;
                continue;
            }
            if (width == 1)
            {
                char c = line.Length == 0 ? ' ' : line[0];
                if (c != '+')
                {
                    remaining[0]--;
                }
                if (c != '-')
                {
                    remaining[1]--;
                }
            }
            else
            {
                // Combined: a parent's column '-' or ' ' means the line is in that parent; no '-' anywhere means it
                // is in the result.
                bool inResult = true;
                for (int k = 0; k < width; k++)
                {
                    char c = k < line.Length ? line[k] : ' ';
                    if (c == '-')
                    {
                        inResult = false;
                    }
                    if (c != '+')
                    {
                        remaining[k]--;
                    }
                }
                if (inResult)
                {
                    remaining[width]--;
                }
            }
            j++;
        }
        return j;
    }

    private static bool[] KeepMask(string[] lines, int from, int to, int width, out int cut)
    {
        int n = to - from;
        var keep = new bool[n];
        int lastChange = int.MinValue / 2;
        for (int k = 0; k < n; k++)
        {
            LineKind kind = Kind(lines[from + k], width);
            if (kind == LineKind.Change)
            {
                lastChange = k;
            }
            keep[k] = kind != LineKind.Context || k - lastChange <= Context;
        }
        int nextChange = int.MaxValue / 2;
        for (int k = n - 1; k >= 0; k--)
        {
            LineKind kind = Kind(lines[from + k], width);
            if (kind == LineKind.Change)
            {
                nextChange = k;
            }
            if (nextChange - k <= Context)
            {
                keep[k] = true;
            }
        }
        // A cut of one or two lines would cost a header or a marker as long as the lines themselves.
        cut = 0;
        for (int k = 0; k < n;)
        {
            if (keep[k])
            {
                k++;
                continue;
            }
            int g = k;
            while (g < n && !keep[g])
            {
                g++;
            }
            bool inner = k > 0 && g < n;
            if (inner && g - k <= 2)
            {
                for (int m = k; m < g; m++)
                {
                    keep[m] = true;
                }
            }
            else
            {
                cut += g - k;
            }
            k = g;
        }
        return keep;
    }

    private static void WriteSplit(string[] lines, int from, int to, bool[] keep, int[] starts, LineWriter w)
    {
        int oldLine = starts[0];
        int newLine = starts[1];
        int k = 0;
        int n = to - from;
        while (k < n)
        {
            if (!keep[k])
            {
                Advance(lines[from + k], ref oldLine, ref newLine);
                k++;
                continue;
            }
            int partStart = k;
            int oldStart = oldLine;
            int newStart = newLine;
            int oldCount = 0;
            int newCount = 0;
            while (k < n && keep[k])
            {
                string line = lines[from + k];
                char c = line.Length == 0 ? ' ' : line[0];
                if (c != '\\')
                {
                    if (c != '+')
                    {
                        oldCount++;
                    }
                    if (c != '-')
                    {
                        newCount++;
                    }
                }
                Advance(line, ref oldLine, ref newLine);
                k++;
            }
            w.Line(StartsHeader(oldStart, oldCount, newStart, newCount));
            for (int m = partStart; m < k; m++)
            {
                w.Line(lines[from + m]);
            }
        }
    }

    private static void Advance(string line, ref int oldLine, ref int newLine)
    {
        char c = line.Length == 0 ? ' ' : line[0];
        if (c == '\\')
        {
            return;
        }
        if (c != '+')
        {
            oldLine++;
        }
        if (c != '-')
        {
            newLine++;
        }
    }

    private static void WriteMarked(string[] lines, string bare, int header, int to, bool[] keep, LineWriter w)
    {
        w.Line(bare);
        int from = header + 1;
        int k = 0;
        int n = to - from;
        while (k < n)
        {
            if (keep[k])
            {
                w.Line(lines[from + k]);
                k++;
                continue;
            }
            int g = k;
            while (g < n && !keep[g])
            {
                g++;
            }
            w.Line(Marker.Omitted(g - k, g - k == 1 ? "context line" : "context lines"));
            k = g;
        }
    }

    /// <summary>
    /// <c>@@ -241 +241 @@</c>, <c>@@ +48 @@</c> (only added lines), <c>@@ -11 @@</c> (only removed lines): the line number
    /// of the first line on each side that has lines below. With the context gone the counts are just the lines that
    /// follow, so they are left out, as is the side that has none (git's "after line N" for an empty side).
    /// </summary>
    private static string StartsHeader(int oldStart, int oldCount, int newStart, int newCount)
    {
        string old = oldCount == 0 ? "" : " -" + oldStart.ToString(CultureInfo.InvariantCulture);
        string @new = newCount == 0 ? "" : " +" + newStart.ToString(CultureInfo.InvariantCulture);
        return "@@" + old + @new + " @@";
    }

    private static bool TryParseRange(string range, char sign, out int start, out int count)
    {
        start = 0;
        count = 1;
        if (range.Length < 2 || range[0] != sign)
        {
            return false;
        }
        ReadOnlySpan<char> s = range.AsSpan(1);
        int comma = s.IndexOf(',');
        if (comma >= 0)
        {
            return int.TryParse(s[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out start)
                && int.TryParse(s[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out count);
        }
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out start);
    }
}
