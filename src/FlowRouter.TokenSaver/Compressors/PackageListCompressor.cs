using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Package listings. npm/yarn/pnpm trees: the drawing (<c>│ ├─┬ </c>) becomes two spaces per level, every
/// <c>name@version</c> and its notes (<c>invalid</c>, …) stay. In a big tree (<c>npm ls --all</c>) a package's
/// <c>deduped</c> dependencies — references to a package listed in full elsewhere — move onto its own line,
/// <c>body-parser@2.4.0 ^ debug@4.4.3 qs@6.17.1</c>, explained once in a legend: every edge of the tree stays. Tables (<c>pip list</c>,
/// <c>npm outdated</c>, <c>dotnet list package</c>, <c>dpkg -l</c>): column padding and <c>----</c> rules go, every name
/// and version column stays (dotnet's <c>&gt; </c> row prefix goes); <c>dpkg -l</c> is <see cref="DpkgTable"/>, <c>npm outdated</c> with
/// enough rows <see cref="NpmOutdatedTable"/>, <c>pip list -v</c> and <c>--outdated</c> <see cref="PipTable"/>.
/// </summary>
internal static class PackageListCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        bool trailingNewline = Lines.EndsWithNewline(text);
        if (text.Contains(DpkgTable.LegendStart, StringComparison.Ordinal))
        {
            return DpkgTable.Compress(lines, trailingNewline);
        }
        if ((NpmOutdatedTable.Compress(lines, trailingNewline) ?? PipTable.Compress(lines, trailingNewline)) is { } table)
        {
            return table;
        }
        bool dotnetList = text.Contains(DotnetListHeading, StringComparison.Ordinal);
        var output = new List<(string Line, int Depth)>(lines.Length);
        int changed = 0;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (TryTree(line, out string tree, out int depth))
            {
                output.Add((tree, depth));
                changed++;
                continue;
            }
            ReadOnlySpan<char> s = line.AsSpan().Trim();
            if (s.Length >= 3 && !s.ContainsAnyExcept("-+= "))
            {
                changed++;
                continue;
            }
            if (line.Contains("  ", StringComparison.Ordinal) && !line.Contains('\t', StringComparison.Ordinal))
            {
                string row = Lines.Squeeze(line);
                // dotnet list package starts every package row with "> ": it marks nothing the row does not already say.
                output.Add((dotnetList && row.StartsWith("> ", StringComparison.Ordinal) ? row[2..] : row, -1));
                changed++;
                continue;
            }
            output.Add((line, -1));
        }
        if (changed == 0)
        {
            return null;
        }
        var w = new LineWriter(text.Length);
        List<string> folded = FoldDeduped(output, out bool foldedAny);
        if (foldedAny)
        {
            w.Line(DedupedLegend);
        }
        foreach (string line in folded)
        {
            w.Line(line);
        }
        return w.ToString(trailingNewline);
    }

    /// <summary>The line that opens each project's table in <c>dotnet list package</c>.</summary>
    public const string DotnetListHeading = "has the following package references";

    public const string DedupedLegend = "[… npm tree, 2 spaces a level; \"pkg ^ a@1 b@2\": pkg's deduped dependencies, listed in full elsewhere]";

    /// <summary>Deduped entries fold into their parent's line only when there are this many (the legend costs a line).</summary>
    public const int MinDedupedToFold = 8;

    private const string DedupedNote = " deduped";

    /// <summary>Moves the <c>name@version deduped</c> children of each package onto its line (<c>parent ^ a b</c>);
    /// lines that are not part of an npm tree (depth -1; the root line parents the first level) stay as they are.</summary>
    private static List<string> FoldDeduped(List<(string Line, int Depth)> output, out bool foldedAny)
    {
        int[] parent = Parents(output);
        var children = new List<string>?[output.Count];
        var moved = new bool[output.Count];
        int count = 0;
        for (int i = 0; i < output.Count; i++)
        {
            var (line, depth) = output[i];
            // A deduped entry never has children of its own; one that has (or has no parent) stays where it is.
            bool leaf = i + 1 == output.Count || output[i + 1].Depth <= depth;
            if (depth >= 0 && parent[i] >= 0 && leaf && line.EndsWith(DedupedNote, StringComparison.Ordinal))
            {
                (children[parent[i]] ??= []).Add(line.AsSpan().Trim()[..^DedupedNote.Length].ToString());
                moved[i] = true;
                count++;
            }
        }
        foldedAny = count >= MinDedupedToFold;
        var lines = new List<string>(output.Count);
        for (int i = 0; i < output.Count; i++)
        {
            if (!foldedAny)
            {
                lines.Add(output[i].Line);
            }
            else if (!moved[i])
            {
                lines.Add(children[i] is { } mine ? output[i].Line + " ^ " + string.Join(" ", mine) : output[i].Line);
            }
        }
        return lines;
    }

    /// <summary>For each line, the index of the line above it at one level less (its parent), or -1.</summary>
    private static int[] Parents(List<(string Line, int Depth)> output)
    {
        var parent = new int[output.Count];
        var lastAt = new List<int>();
        int lastRoot = -1;
        for (int i = 0; i < output.Count; i++)
        {
            int depth = output[i].Depth;
            parent[i] = depth < 0 ? -1 : depth == 0 ? lastRoot : depth - 1 < lastAt.Count ? lastAt[depth - 1] : -1;
            if (depth < 0)
            {
                lastRoot = i;
                lastAt.Clear();
                continue;
            }
            if (lastAt.Count > depth)
            {
                lastAt.RemoveRange(depth, lastAt.Count - depth);
            }
            while (lastAt.Count < depth)
            {
                lastAt.Add(-1);
            }
            lastAt.Add(i);
        }
        return parent;
    }

    /// <summary>npm's 2-column units (<c>│ </c>, two spaces) then a branch (<c>├── </c>, <c>└─┬ </c>, <c>+-- </c>, <c>`-- </c>).</summary>
    internal static bool TryTree(string line, out string result) => TryTree(line, out result, out _);

    private static bool TryTree(string line, out string result, out int depth)
    {
        result = line;
        int i = 0;
        depth = 0;
        while (i + 2 <= line.Length && (line[i] is '│' or '|' or ' ') && line[i + 1] == ' ' && !IsBranchAt(line, i))
        {
            depth++;
            i += 2;
        }
        if (!IsBranchAt(line, i))
        {
            return false;
        }
        result = string.Concat(new string(' ', 2 * depth), line.AsSpan(i + 4));
        return true;
    }

    private static bool IsBranchAt(string line, int i) =>
        i + 4 <= line.Length && (line[i] is '├' or '└' or '+' or '`') && (line[i + 1] is '─' or '-')
        && (line[i + 2] is '─' or '┬' or '-') && line[i + 3] == ' ';
}
