using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>grep -rn</c>, <c>rg -n</c> and friends. Kept: every match's <c>path:line</c> exactly and its text without the
/// leading indentation, <c>grep -l</c> paths and <c>grep -c</c> counts (zeros too: which files do not match can be
/// the question). Dropped: context lines (<c>path-57-text</c>, from <c>-A/-B/-C</c>) and the <c>--</c> separators
/// between their groups — counted in one marker; every match keeps its line number, so a ranged read gets the
/// context back — and the part of a match text beyond <see cref="MaxText"/> characters (minified code), marked in
/// place with the count of characters cut. A text found at several places (the same call in 30 overloads, conflict
/// markers) is written once, where it first appears, after all its locations: <c>a.c:93 b.c:10: free(x);</c>.
/// rg's grouped layout (a path line heading its <c>12:text</c> lines) keeps its path lines and every match's number;
/// its texts lose their indentation but one space and are cut like the flat layout's.
/// </summary>
internal static class GrepCompressor
{
    public const int MaxText = 140;

    /// <summary>A repeated text is shared when that saves at least this many characters (a short one repeated twice
    /// is left in place, where the order of the matches reads better).</summary>
    public const int MinSharedChars = 24;

    /// <summary>One output line: a match (<see cref="Location"/> <c>path:123</c>, its text) or a line kept as it is
    /// (<see cref="Location"/> null).</summary>
    private readonly record struct Entry(string? Location, string Text);

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        if (IsGrouped(lines))
        {
            return CompressGrouped(lines, Lines.EndsWithNewline(text));
        }
        var entries = new List<Entry>(lines.Length);
        int recognised = 0;
        int contextPaths = 0;
        int indents = 0;
        int i = 0;
        while (i < lines.Length)
        {
            int end = i;
            while (end < lines.Length && lines[end] != "--")
            {
                end++;
            }
            recognised += ReadGroup(lines, i, end, entries, ref contextPaths, ref indents);
            if (end < lines.Length)
            {
                recognised++;
                contextPaths++;
            }
            i = end + 1;
        }
        if (recognised * 2 < lines.Length)
        {
            return null;
        }
        var w = new LineWriter(text.Length);
        int longTexts = 0;
        int shared = Write(entries, w, ref longTexts);
        if (contextPaths == 0 && longTexts == 0 && indents == 0 && shared == 0)
        {
            return null;
        }
        string? marker = Marker.OmittedList((contextPaths, "context lines and -- separators"),
            (shared, "repeated match texts (each written once, after all its path:line)"));
        if (marker is not null)
        {
            w.Line(marker);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    private static int ReadGroup(string[] lines, int from, int to, List<Entry> entries, ref int contextPaths, ref int indents)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (int k = from; k < to; k++)
        {
            if (TryMatch(lines[k], out int pathEnd, out _))
            {
                paths.Add(lines[k][..pathEnd]);
            }
        }
        // A context line whose text holds ":12:" ("a.c-7-x = m[b:12:3]") reads as a match of a path that is really
        // "known path-7-…": such paths are not match paths.
        paths.ExceptWith(paths.Where(p => StripContextPath(p, paths) is not null).ToList());
        int recognised = 0;
        for (int k = from; k < to; k++)
        {
            string line = lines[k];
            bool match = TryMatch(line, out int matchPathEnd, out int textStart);
            // A known match path decides first; otherwise the line is a match unless it reads as a context line.
            bool context = !(match && paths.Contains(line[..matchPathEnd])) && StripContextPath(line, paths) is not null;
            if (match && !context)
            {
                recognised++;
                int at = textStart;
                while (at < line.Length && line[at] is ' ' or '\t')
                {
                    at++;
                }
                if (at > textStart)
                {
                    indents++;
                }
                string location = textStart == line.Length ? line : line[..(textStart - 1)];
                entries.Add(new Entry(location, textStart == line.Length ? "" : line[at..]));
                continue;
            }
            if (context)
            {
                recognised++;
                contextPaths++;
                continue;
            }
            if (line.StartsWith("Binary file ", StringComparison.Ordinal) || LooksLikePath(line))
            {
                recognised++;
            }
            entries.Add(new Entry(null, line));
        }
        return recognised;
    }

    /// <summary><c>12:text</c> (a match, <c>':'</c>) or <c>12-text</c> (a context line, <c>'-'</c>) of rg's grouped
    /// layout; <c>'\0'</c> for any other line.</summary>
    internal static char NumberedLine(string line)
    {
        int d = 0;
        while (d < line.Length && char.IsAsciiDigit(line[d]))
        {
            d++;
        }
        return d > 0 && d < line.Length && line[d] is ':' or '-' ? line[d] : '\0';
    }

    /// <summary>
    /// rg's grouped layout (its default on a terminal, or <c>--heading</c>): groups apart by blank lines, each a path
    /// line and then its <c>12:text</c> matches and <c>13-text</c> context lines (<c>--</c> between runs). Every group
    /// must have that shape, with a match among its lines. The first line of a group is its path whatever it looks
    /// like (<c>2024-notes.md</c>).
    /// </summary>
    private static bool IsGrouped(string[] lines)
    {
        int groups = 0;
        bool atHeading = true;
        bool matched = false;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line))
            {
                if (!atHeading && !matched)
                {
                    return false;
                }
                atHeading = true;
                continue;
            }
            if (atHeading)
            {
                atHeading = matched = false;
                groups++;
                continue;
            }
            char kind = NumberedLine(line);
            if (kind == '\0' && line != "--")
            {
                return false;
            }
            matched |= kind == ':';
        }
        return groups > 0 && (atHeading || matched);
    }

    /// <summary>The grouped layout: paths and matches stay as printed, but for the indentation (a long match text cut
    /// as in the flat layout); context lines, <c>--</c> and the blank lines between groups go.</summary>
    private static string? CompressGrouped(string[] lines, bool endsWithNewline)
    {
        var w = new LineWriter(lines.Length * 40);
        int context = 0;
        int blanks = 0;
        int indents = 0;
        int longTexts = 0;
        bool atHeading = true;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line))
            {
                blanks++;
                atHeading = true;
                continue;
            }
            if (atHeading)
            {
                atHeading = false;
                w.Line(line);
                continue;
            }
            if (line == "--" || NumberedLine(line) == '-')
            {
                context++;
                continue;
            }
            // The indentation shrinks to one space (which keeps "12: text" apart as printed).
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string match = line[(colon + 1)..];
            string trimmed = match.TrimStart(' ', '\t');
            if (trimmed.Length < match.Length - 1)
            {
                indents++;
                match = " " + trimmed;
            }
            w.Line(line.AsSpan(0, colon), ':', Cut(match, ref longTexts));
        }
        if (context + blanks + longTexts + indents == 0)
        {
            return null;
        }
        string? marker = Marker.OmittedList((context, "context lines and -- separators"));
        if (marker is not null)
        {
            w.Line(marker);
        }
        return w.ToString(endsWithNewline);
    }

    /// <summary>Writes the entries in order, a shared text once at its first place; returns how many matches were
    /// folded into an earlier line.</summary>
    private static int Write(List<Entry> entries, LineWriter w, ref int longTexts)
    {
        var places = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Entry e in entries)
        {
            if (e.Location is not null && e.Text.Length > 0)
            {
                if (!places.TryGetValue(e.Text, out List<string>? list))
                {
                    places[e.Text] = list = [];
                }
                list.Add(e.Location);
            }
        }
        int folded = 0;
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (Entry e in entries)
        {
            if (e.Location is null)
            {
                w.Line(e.Text);
                continue;
            }
            if (e.Text.Length == 0)
            {
                w.Line(e.Location);
                continue;
            }
            List<string> at = places[e.Text];
            if (at.Count < 2 || e.Text.Length * (at.Count - 1) < MinSharedChars)
            {
                w.Line(e.Location, ':', Cut(e.Text, ref longTexts));
                continue;
            }
            if (written.Add(e.Text))
            {
                w.Line(string.Join(" ", at) + ": " + Cut(e.Text, ref longTexts));
                folded += at.Count - 1;
            }
        }
        return folded;
    }

    /// <summary><c>path:123:text</c> or <c>path:123</c> (a <c>-c</c> count): the first <c>:digits:</c> (or
    /// <c>:digits</c> at the end) after a non-empty path.</summary>
    internal static bool TryMatch(string line, out int pathEnd, out int textStart)
    {
        pathEnd = textStart = 0;
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        while (colon > 0)
        {
            int d = colon + 1;
            while (d < line.Length && char.IsAsciiDigit(line[d]))
            {
                d++;
            }
            if (d > colon + 1 && (d == line.Length || line[d] == ':') && !char.IsWhiteSpace(line[0]))
            {
                pathEnd = colon;
                textStart = d == line.Length ? d : d + 1;
                return true;
            }
            colon = line.IndexOf(':', colon + 1);
        }
        return false;
    }

    /// <summary><c>path-57-text</c> where <c>path</c> is one of the group's match paths: <c>57-text</c>.</summary>
    private static string? StripContextPath(string line, HashSet<string> paths)
    {
        if (paths.Count == 0)
        {
            return null;
        }
        var lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        int dash = line.IndexOf('-', StringComparison.Ordinal);
        while (dash > 0)
        {
            int d = dash + 1;
            while (d < line.Length && char.IsAsciiDigit(line[d]))
            {
                d++;
            }
            if (d > dash + 1 && d < line.Length && line[d] == '-' && lookup.Contains(line.AsSpan(0, dash)))
            {
                return line[(dash + 1)..];
            }
            dash = line.IndexOf('-', dash + 1);
        }
        return null;
    }

    private static bool LooksLikePath(string line) =>
        line.Length > 0 && !line.Contains(' ', StringComparison.Ordinal) && (line.Contains('/', StringComparison.Ordinal) || line.Contains('.', StringComparison.Ordinal));

    private static string Cut(string text, ref int longTexts)
    {
        if (text.Length <= MaxText)
        {
            return text;
        }
        longTexts++;
        return string.Concat(text.AsSpan(0, MaxText), "…[+", Marker.Num(text.Length - MaxText), " chars]");
    }
}
