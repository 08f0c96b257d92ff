using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Package listings. npm/yarn/pnpm trees: the drawing (<c>│ ├─┬ </c>) becomes two spaces per level, every
/// <c>name@version</c> and its notes (<c>deduped</c>, <c>invalid</c>, …) stay. Tables (<c>pip list</c>,
/// <c>npm outdated</c>, <c>dotnet list package</c>, <c>dpkg -l</c>): column padding and <c>----</c> rules go, every name
/// and version column stays; <c>dpkg -l</c> also loses its legend header and the description column.
/// </summary>
internal static class PackageListCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        bool dpkg = text.Contains("Desired=Unknown/Install", StringComparison.Ordinal);
        var w = new LineWriter(text.Length);
        int changed = 0;
        int descriptions = 0;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (TryTree(line, out string tree))
            {
                w.Line(tree);
                changed++;
                continue;
            }
            ReadOnlySpan<char> s = line.AsSpan().Trim();
            if (s.Length >= 3 && !s.ContainsAnyExcept("-+= "))
            {
                changed++;
                continue;
            }
            if (dpkg && TryDpkg(line, out string? row, ref descriptions))
            {
                if (row is not null)
                {
                    w.Line(row);
                }
                changed++;
                continue;
            }
            if (line.Contains("  ", StringComparison.Ordinal) && !line.Contains('\t', StringComparison.Ordinal))
            {
                w.Line(Lines.Squeeze(line));
                changed++;
                continue;
            }
            w.Line(line);
        }
        if (changed == 0)
        {
            return null;
        }
        if (descriptions > 0)
        {
            w.Line(Marker.Omitted(descriptions, "dpkg descriptions"));
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>npm's 2-column units (<c>│ </c>, two spaces) then a branch (<c>├── </c>, <c>└─┬ </c>, <c>+-- </c>, <c>`-- </c>).</summary>
    internal static bool TryTree(string line, out string result)
    {
        result = line;
        int i = 0;
        int depth = 0;
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

    /// <summary><c>ii  name  version  arch  description</c> → <c>ii name version arch</c>; the legend lines go.</summary>
    private static bool TryDpkg(string line, out string? row, ref int descriptions)
    {
        row = null;
        if (line.StartsWith("Desired=", StringComparison.Ordinal) || line.StartsWith("| Status=", StringComparison.Ordinal)
            || line.StartsWith("|/ Err?=", StringComparison.Ordinal))
        {
            return true;
        }
        var f = Lines.Fields(line);
        if (f.Count < 4 || f[0].Length != 2 || line.StartsWith("||/", StringComparison.Ordinal))
        {
            return false;
        }
        row = line[..(f[3].Start + f[3].Length)];
        if (f.Count > 4)
        {
            descriptions++;
        }
        row = Lines.Squeeze(row);
        return true;
    }
}
