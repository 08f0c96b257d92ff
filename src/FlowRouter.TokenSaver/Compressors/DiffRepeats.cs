using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// A diff that adds the same licence header to ten new files, or the same block to every workflow, repeats itself:
/// a run of changed lines that already appeared, line for line and with the same signs, is said once and then
/// referred to: <c>[… the same 17 lines as at src/A.cs +1]</c> (the file and the line number, on its side, of the
/// first line of the earlier run). Code that moved, removed in one place and added in another (or a file deleted
/// whose licence header a new file repeats), is referred to the same way, with the sign it has here:
/// <c>[… the same 13 lines as at src/A.cs +1, here removed]</c>. Every changed line's text therefore still appears in the output, and the model can
/// rebuild the repeat exactly. Only runs worth more than their marker are folded; combined (<c>--cc</c>) hunks, whose
/// line numbers this does not follow, are left alone.
/// </summary>
internal static class DiffRepeats
{
    /// <summary>A run shorter than this (in lines) or lighter (in characters) stays as it is.</summary>
    public const int MinLines = 3;

    public const int MinChars = 160;

    /// <summary>How every fold marker starts (later passes recognise it by this).</summary>
    public const string MarkerStart = "[… the same ";

    /// <summary>Where a changed line is: its file, its sign and its line number on that side.</summary>
    private readonly record struct Place(string File, char Sign, int Line)
    {
        /// <summary><c>src/A.cs +12</c>, as a marker names it.</summary>
        public override string ToString() => File + " " + Sign + Marker.Num(Line);
    }

    /// <summary>The lines with repeated runs folded, or the same array when nothing repeats.</summary>
    public static string[] Fold(string[] lines)
    {
        Place?[] where = Locate(lines);
        // The first shown place of each three-line window of changed lines, keyed by their text without the signs.
        var firstSeen = new Dictionary<(string, string, string), int>(UnsignedWindow.Comparer);
        var output = new List<string>(lines.Length);
        var shown = new bool[lines.Length];
        bool folded = false;
        int i = 0;
        while (i < lines.Length)
        {
            if (TryRepeat(lines, where, shown, firstSeen, i, out int earlier, out int length, out char flipped))
            {
                string flip = flipped switch { '+' => ", here added", '-' => ", here removed", _ => "" };
                output.Add(MarkerStart + Marker.Num(length) + " lines as at " + where[earlier]!.Value.ToString() + flip + "]");
                folded = true;
                i += length;
                continue;
            }
            if (IsWindow(lines, where, i))
            {
                firstSeen.TryAdd(Window(lines, i), i);
            }
            output.Add(lines[i]);
            shown[i] = true;
            i++;
        }
        return folded ? [.. output] : lines;
    }

    private static (string, string, string) Window(string[] lines, int i) => (lines[i], lines[i + 1], lines[i + 2]);

    /// <summary>Three changed lines compared by their text after the sign, without cutting new strings for it.</summary>
    private sealed class UnsignedWindow : IEqualityComparer<(string, string, string)>
    {
        public static readonly UnsignedWindow Comparer = new();

        public bool Equals((string, string, string) x, (string, string, string) y) =>
            Same(x.Item1, y.Item1) && Same(x.Item2, y.Item2) && Same(x.Item3, y.Item3);

        public int GetHashCode((string, string, string) w) =>
            HashCode.Combine(string.GetHashCode(w.Item1.AsSpan(1)), string.GetHashCode(w.Item2.AsSpan(1)), string.GetHashCode(w.Item3.AsSpan(1)));

        private static bool Same(string a, string b) => a.AsSpan(1).SequenceEqual(b.AsSpan(1));
    }

    /// <summary>
    /// Whether a run that repeats an earlier shown run starts at <paramref name="i"/>: line for line the same text, and
    /// either the same signs, or (code moved: removed in one place, added in another) all of one sign here and all
    /// of the other there, which <paramref name="flipped"/> gives as this run's sign ('\0' when the signs match).
    /// </summary>
    private static bool TryRepeat(string[] lines, Place?[] where, bool[] shown, Dictionary<(string, string, string), int> firstSeen, int i,
        out int earlier, out int length, out char flipped)
    {
        length = 0;
        earlier = -1;
        flipped = '\0';
        if (!IsWindow(lines, where, i) || !firstSeen.TryGetValue(Window(lines, i), out earlier))
        {
            return false;
        }
        bool sameSigns = lines[i][0] == lines[earlier][0];
        char here = lines[i][0];
        int chars = 0;
        // The earlier run is in the output whole, and it ends before this one starts.
        while (i + length < lines.Length && earlier + length < i && where[i + length] is not null
            && shown[earlier + length] && where[earlier + length] is not null
            && SameLine(lines[i + length], lines[earlier + length], sameSigns, here))
        {
            chars += lines[i + length].Length;
            length++;
        }
        flipped = sameSigns ? '\0' : here;
        return length >= MinLines && chars >= MinChars;
    }

    /// <summary>The same text; with the same sign, or with this run's one sign against the other there.</summary>
    private static bool SameLine(string line, string earlier, bool sameSigns, char here) =>
        line.AsSpan(1).SequenceEqual(earlier.AsSpan(1))
        && (sameSigns ? line[0] == earlier[0] : line[0] == here && earlier[0] != here);

    /// <summary>Three changed lines in a row, all placed.</summary>
    private static bool IsWindow(string[] lines, Place?[] where, int i) =>
        i + 2 < lines.Length && where[i] is not null && where[i + 1] is not null && where[i + 2] is not null;

    /// <summary>For each added or removed line, where it is (its line on its own side); null for any other line.</summary>
    private static Place?[] Locate(string[] lines)
    {
        var where = new Place?[lines.Length];
        string? file = null;
        int oldLine = 0;
        int newLine = 0;
        bool inHunk = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("diff ", StringComparison.Ordinal) || GitCommitHeader.IsWrittenLine(line))
            {
                file = FilePath(line);
                inHunk = false;
                continue;
            }
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                inHunk = file is not null && TryStarts(line, out oldLine, out newLine);
                continue;
            }
            if (!inHunk)
            {
                continue;
            }
            // An empty line is a context line whose space was trimmed (editors, mail): DiffHunk counts it on both sides too.
            switch (line.Length == 0 ? ' ' : line[0])
            {
                case '-':
                    where[i] = new Place(file!, '-', oldLine);
                    oldLine++;
                    break;
                case '+':
                    where[i] = new Place(file!, '+', newLine);
                    newLine++;
                    break;
                case ' ':
                    oldLine++;
                    newLine++;
                    break;
                case '\\':
                    break;
                default:
                    inHunk = false; // a marker or anything else: stop numbering until the next header
                    break;
            }
        }
        return where;
    }

    /// <summary>
    /// The file a header line starts: "diff X" (as <see cref="GitDiffCompressor.ShortHeader"/> writes it) → X,
    /// "diff --git a/X b/Y" → Y (the side the added lines are in); null for combined diffs and commit lines.
    /// </summary>
    private static string? FilePath(string header)
    {
        if (header.StartsWith("diff --git ", StringComparison.Ordinal))
        {
            int b = header.LastIndexOf(" b/", StringComparison.Ordinal);
            return b < 0 ? null : header[(b + 3)..];
        }
        return header.StartsWith("diff --", StringComparison.Ordinal) || !header.StartsWith("diff ", StringComparison.Ordinal)
            ? null
            : header[5..];
    }

    /// <summary>
    /// The first old and new line numbers of a hunk header as <see cref="DiffHunk"/> writes it (<c>@@ -a +c @@</c>, a
    /// side without lines left out) or as git does (<c>@@ -a,b +c,d @@</c>: a side of count 0 starts after its start).
    /// </summary>
    private static bool TryStarts(string header, out int oldLine, out int newLine)
    {
        oldLine = newLine = 0;
        int close = header.IndexOf(" @@", 2, StringComparison.Ordinal);
        if (close < 3)
        {
            return false;
        }
        foreach (string range in header[3..close].Split(' '))
        {
            bool ok = range.StartsWith('-') ? TryStart(range, '-', out oldLine) : TryStart(range, '+', out newLine);
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryStart(string range, char sign, out int start)
    {
        if (!DiffHunk.TryParseRange(range, sign, out start, out int count))
        {
            return false;
        }
        if (count == 0)
        {
            start++; // git's "after line N" for a side without lines
        }
        return true;
    }
}
