using System.Buffers;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>git log</c> in its default and <c>--stat</c> forms: each commit on one line, <c>hash (decoration) author:
/// subject</c> (see <see cref="GitCommitHeader"/>), then its stat lines without their graph (<c>src/a.cs | 27</c>).
/// Dropped, said in one marker at the end: the message bodies (counted), the <c>N files changed, N insertions(+)</c>
/// summaries (the stat lines above them give the files and the size of each change) and the author dates, of which
/// the marker keeps the first and last day so the span of the history stays visible. <c>git show HASH</c> gets any
/// of them back (<c>--oneline --stat</c> loses its summaries the same way). A <c>--graph</c> of a history without
/// branches loses its column (<c>* </c> on commits, <c>| </c> between them: there is nothing to draw) and is then
/// read like the log without it; a branching graph of commit blocks keeps its drawing: each commit is condensed on its
/// graph row, and the rows of dropped lines stay only where a branch forks or merges (<c>|\</c>, <c>|/</c>). A
/// branching one-line graph has nothing to cut.
/// With patches (<c>-p</c>) the text goes to <see cref="GitDiffCompressor"/>, after a linear graph's column is gone. In
/// a branching graph with patches only the commits are condensed: its diff lines sit behind graph columns that the
/// diff reader does not know, so they stay as git drew them. Other one-line and custom formats have nothing to cut
/// and pass through.
/// </summary>
internal static class GitLogCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        bool trailing = Lines.EndsWithNewline(text);
        string[]? unGraphed = WithoutLinearGraph(lines);
        if (unGraphed is not null)
        {
            lines = unGraphed;
        }
        if (HasPatch(lines))
        {
            string log = unGraphed is null ? text : Lines.Join(lines, trailing);
            return GitDiffCompressor.Compress(log) ?? (unGraphed is null ? null : log);
        }
        if (Array.Exists(lines, l => GitCommitHeader.IsCommitLine(l) || GitStatLine.IsSummary(l)))
        {
            return CompressCommits(lines, trailing);
        }
        if (unGraphed is null && Array.Exists(lines, l => GraphWidth(l) > 0))
        {
            return CompressBranchingGraph(lines, trailing);
        }
        return unGraphed is not null ? Lines.Join(lines, trailing) : GitDiffCompressor.Compress(text);
    }

    private static bool HasPatch(string[] lines) =>
        Array.Exists(lines, l => GitDiffCompressor.IsFileHeader(l) || l.StartsWith("@@ ", StringComparison.Ordinal));

    /// <summary>A log without a graph: read as one whose graph is empty on every row.</summary>
    private static string CompressCommits(string[] lines, bool trailingNewline)
    {
        var graph = new string[lines.Length];
        Array.Fill(graph, "");
        return CompressRows(graph, lines, trailingNewline);
    }

    private static readonly SearchValues<char> GraphChars = SearchValues.Create("*|/\\_-. ");
    private static readonly SearchValues<char> MovingChars = SearchValues.Create("/\\_-.");

    /// <summary>Where <c>commit &lt;hash&gt;</c> starts after a graph (<c>| * commit …</c>: 4); 0 when the line is not
    /// a graph's commit line.</summary>
    internal static int GraphWidth(string line)
    {
        int w = 0;
        while (w < line.Length && GraphChars.Contains(line[w]))
        {
            w++;
        }
        return w > 0 && line.AsSpan(0, w).Contains('*') && GitCommitHeader.IsCommitLine(line[w..]) ? w : 0;
    }

    /// <summary>A graph drawing that moves (a branch or merge line: <c>/</c>, <c>\</c>, <c>_</c>, an octopus's
    /// <c>-.</c>), as opposed to plain <c>|</c> columns that only go on.</summary>
    private static bool Moves(ReadOnlySpan<char> graph) => graph.ContainsAny(MovingChars);

    /// <summary>
    /// <c>git log --graph</c> in the default or <c>--stat</c> form with branches: every line is split into its graph
    /// (as wide as the commit line's above it) and its text, and the commits are condensed as without a graph, each on
    /// its commit's graph row. Lines that go (author, date, message) leave their graph behind only when it moves, so the
    /// branches and merges are still drawn. Null (the output passes through) when a line does not split that way.
    /// </summary>
    private static string? CompressBranchingGraph(string[] lines, bool trailingNewline)
    {
        var graph = new string[lines.Length];
        var text = new string[lines.Length];
        int width = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int w = GraphWidth(line);
            width = w > 0 ? w : width;
            int cut = Math.Min(width, line.Length);
            if (width == 0 || line.AsSpan(0, cut).ContainsAnyExcept(GraphChars))
            {
                return null;
            }
            graph[i] = line[..cut];
            text[i] = line[cut..];
        }
        return CompressRows(graph, text, trailingNewline);
    }

    /// <summary>
    /// The commits condensed, each on its graph row (<paramref name="graph"/> holds each row's drawing, "" without a
    /// graph; <paramref name="text"/> what follows it), with the lines between them as <see cref="KeepBetween"/> keeps
    /// them and the closing marker.
    /// </summary>
    private static string CompressRows(string[] graph, string[] text, bool trailingNewline)
    {
        var blocks = new List<(int Row, GitCommitHeader.Block Block)>();
        var kept = new List<(int Row, string Line)>();
        int body = 0;
        int summaries = 0;
        int k = 0;
        while (k < text.Length)
        {
            if (!GitCommitHeader.IsCommitLine(text[k]))
            {
                k = KeepBetween(graph, text, k, kept, ref summaries);
                continue;
            }
            int next = GitCommitHeader.Read(text, k, out GitCommitHeader.Block block);
            blocks.Add((k, block));
            body += block.BodyLines;
            for (int j = k + 1; j < next; j++)
            {
                bool header = text[j].Length > 0 && !text[j].StartsWith(' ') && !text[j].StartsWith("Author:", StringComparison.Ordinal)
                    && !text[j].StartsWith("Date:", StringComparison.Ordinal);
                if (header)
                {
                    kept.Add((j, graph[j] + text[j]));
                }
                else if (Moves(graph[j]))
                {
                    kept.Add((j, graph[j].TrimEnd()));
                }
            }
            k = next;
        }
        bool datesInMarker = blocks.TrueForAll(b => b.Block.Day is null || IsDay(b.Block.Day));
        foreach (var (row, block) in blocks)
        {
            kept.Add((row, graph[row] + block.Line(withDay: !datesInMarker)));
        }
        kept.Sort((a, b) => a.Row.CompareTo(b.Row));
        var w = new LineWriter(text.Length * 40);
        foreach (var (_, line) in kept)
        {
            w.Line(line);
        }
        string? marker = OmittedMarker(datesInMarker ? DayRange(blocks.ConvertAll(b => b.Block)) : null, body, summaries);
        if (marker is not null)
        {
            w.Line(marker);
        }
        return w.ToString(trailingNewline);
    }

    /// <summary>A line of the graph that is not in a commit's header or message: a stat line (condensed, on its graph),
    /// a moving drawing, any other text as printed; plain columns and "files changed" summaries go.</summary>
    private static int KeepBetween(string[] graph, string[] text, int k, List<(int Row, string Line)> kept, ref int summaries)
    {
        if (GitStatLine.TryCondense(text[k], out string stat))
        {
            kept.Add((k, graph[k] + stat));
        }
        else if (GitStatLine.IsSummary(text[k]))
        {
            summaries++;
        }
        else if (!Lines.IsBlank(text[k]))
        {
            kept.Add((k, graph[k] + text[k]));
        }
        else if (Moves(graph[k]))
        {
            kept.Add((k, graph[k].TrimEnd()));
        }
        return k + 1;
    }

    /// <summary><c>[… dates (2025-03-18 to 2026-02-14), 153 message body lines, 30 "N files changed" summaries
    /// omitted]</c>.</summary>
    private static string? OmittedMarker(string? days, int body, int summaries)
    {
        var parts = new List<string>(3);
        if (days is not null)
        {
            parts.Add("author dates (" + days + ")");
        }
        if (body > 0)
        {
            parts.Add(Marker.Num(body) + (body == 1 ? " message body line" : " message body lines"));
        }
        if (summaries > 0)
        {
            parts.Add(Marker.Num(summaries) + (summaries == 1 ? " \"files changed\" summary" : " \"files changed\" summaries"));
        }
        return parts.Count == 0 ? null : "[… " + string.Join(", ", parts) + " omitted; git show HASH has them]";
    }

    /// <summary>The first and last day of the log (<c>2025-03-18 to 2026-02-14</c>, or the one day); null without
    /// dates.</summary>
    private static string? DayRange(List<GitCommitHeader.Block> blocks)
    {
        string? first = null;
        string? last = null;
        foreach (GitCommitHeader.Block b in blocks)
        {
            if (b.Day is null)
            {
                continue;
            }
            if (first is null || string.CompareOrdinal(b.Day, first) < 0)
            {
                first = b.Day;
            }
            if (last is null || string.CompareOrdinal(b.Day, last) > 0)
            {
                last = b.Day;
            }
        }
        return first is null ? null : first == last ? first : first + " to " + last;
    }

    private static bool IsDay(string s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-' && Lines.IsDigits(s.AsSpan(0, 4)) && Lines.IsDigits(s.AsSpan(5, 2))
        && Lines.IsDigits(s.AsSpan(8, 2));

    /// <summary>
    /// The lines without their graph column when the graph has no branches: every line is <c>* …</c> (a commit),
    /// <c>| …</c> or <c>  …</c> (the rest), with no second column after it; and the commits it marks are commit blocks
    /// or one-line <c>hash subject</c> entries. Null otherwise.
    /// </summary>
    private static string[]? WithoutLinearGraph(string[] lines)
    {
        if (lines.Length == 0)
        {
            return null;
        }
        var stripped = new string[lines.Length];
        bool blocks = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length > 2 && line[2] is '*' or '|' or '/' or '\\')
            {
                return null;
            }
            string rest = line.Length <= 2 ? "" : line[2..];
            if (line.StartsWith('*'))
            {
                if (line.Length < 2 || line[1] != ' ' || !(StartsWithShortHash(rest) || GitCommitHeader.IsCommitLine(rest)))
                {
                    return null;
                }
                blocks |= GitCommitHeader.IsCommitLine(rest);
            }
            else if (!(line.Length == 0 || line == "|" || line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal)))
            {
                return null;
            }
            stripped[i] = rest;
        }
        // Only a one-line log is all '*' lines; a graph of commit blocks has its header and message lines between.
        return blocks || Array.TrueForAll(lines, l => l.StartsWith('*')) ? stripped : null;
    }

    private static bool StartsWithShortHash(string s)
    {
        int end = s.IndexOf(' ', StringComparison.Ordinal);
        ReadOnlySpan<char> hash = end < 0 ? s : s.AsSpan(0, end);
        return hash.Length is >= 7 and <= 40 && Lines.IsHex(hash);
    }
}
