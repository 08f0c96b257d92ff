using System.Globalization;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// One unified-diff hunk, re-emitted with at most <see cref="Context"/> unchanged lines around each change (what
/// <c>git diff -U0</c> would print; a gap of one or two unchanged lines between changes stays), its header reduced to
/// the first line number of each side that has lines (<c>@@ -241 +241 @@</c>, <c>@@ +48 @@</c>, <c>@@ -11 @@</c>):
/// the counts are the lines that follow, and the function-context tail goes. Where a longer unchanged stretch is cut,
/// a new header with the right line numbers starts the next part, so every kept line can be placed in the file. Every
/// added and removed line is kept as it was. Combined (<c>--cc</c>) hunks are cut the same way, their headers giving
/// the first line number of every side, parents then result (<c>@@@ -119 -118 +119 @@@</c>).
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
            w.Line(StartsHeader(starts, counts));
            for (int j = i + 1; j < end; j++)
            {
                w.Line(lines[j]);
            }
            return end;
        }
        contextOmitted += cut;
        WriteSplit(lines, i + 1, end, keep, starts, w);
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
        var seen = new int[counts.Length];
        while (j < lines.Length)
        {
            bool done = true;
            for (int side = 0; side < counts.Length; side++)
            {
                done &= seen[side] >= counts[side];
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
            Advance(line, width, seen, null);
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

    /// <summary>Writes the kept parts of a hunk, each under a header of where it starts on every side.</summary>
    private static void WriteSplit(string[] lines, int from, int to, bool[] keep, int[] starts, LineWriter w)
    {
        int width = starts.Length - 1;
        int[] at = (int[])starts.Clone();
        var partStarts = new int[starts.Length];
        var partCounts = new int[starts.Length];
        int k = 0;
        int n = to - from;
        while (k < n)
        {
            if (!keep[k])
            {
                Advance(lines[from + k], width, at, null);
                k++;
                continue;
            }
            int partStart = k;
            Array.Copy(at, partStarts, at.Length);
            Array.Clear(partCounts);
            while (k < n && keep[k])
            {
                Advance(lines[from + k], width, at, partCounts);
                k++;
            }
            w.Line(StartsHeader(partStarts, partCounts));
            for (int m = partStart; m < k; m++)
            {
                w.Line(lines[from + m]);
            }
        }
    }

    /// <summary>Moves each side's line number past <paramref name="line"/> (and counts it in <paramref name="counted"/>).</summary>
    private static void Advance(string line, int width, int[] at, int[]? counted)
    {
        if (line.Length > 0 && line[0] == '\\')
        {
            return;
        }
        bool anyMinus = HasMinus(line, width);
        for (int side = 0; side <= width; side++)
        {
            if (OnSide(line, width, side, anyMinus))
            {
                at[side]++;
                if (counted is not null)
                {
                    counted[side]++;
                }
            }
        }
    }

    /// <summary>
    /// Whether a body line is on a side (a parent's column, or the result at <paramref name="width"/>). A line with a
    /// '-' in some column is in the parents marked '-' only, not in the result; a line without one is in the result
    /// and in every parent whose column is ' ' ('+' means that parent lacks it). In a plain diff that is just
    /// '-' old, '+' new, ' ' both.
    /// </summary>
    private static bool OnSide(string line, int width, int side, bool anyMinus)
    {
        if (side == width)
        {
            return !anyMinus;
        }
        char c = side < line.Length ? line[side] : ' ';
        return anyMinus ? c == '-' : c != '+';
    }

    private static bool HasMinus(string line, int width)
    {
        for (int col = 0; col < width && col < line.Length; col++)
        {
            if (line[col] == '-')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// <c>@@ -241 +241 @@</c>, <c>@@ +48 @@</c> (only added lines), <c>@@ -11 @@</c> (only removed lines): the line number
    /// of the first line on each side that has lines below. With the context gone the counts are just the lines that
    /// follow, so they are left out, as is the side that has none (git's "after line N" for an empty side). A combined
    /// header (<c>@@@ -119 -118 +119 @@@</c>) keeps every side, as its columns say which parent is which.
    /// </summary>
    private static string StartsHeader(int[] starts, int[] counts)
    {
        int width = starts.Length - 1;
        var sb = new System.Text.StringBuilder().Append('@', width + 1);
        for (int side = 0; side <= width; side++)
        {
            if (width == 1 && counts[side] == 0)
            {
                continue;
            }
            sb.Append(side < width ? " -" : " +").Append(Marker.Num(starts[side]));
        }
        return sb.Append(' ').Append('@', width + 1).ToString();
    }

    /// <summary>One side of a hunk header, <c>-a,b</c> or <c>-a</c> (count 1) for sign '-'; false when it is not.</summary>
    internal static bool TryParseRange(string range, char sign, out int start, out int count)
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
