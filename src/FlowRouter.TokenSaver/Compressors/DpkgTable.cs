using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>dpkg -l</c>: the legend above the header, the <c>+++-====</c> rule, column padding and the description column go;
/// every row keeps its name and version. Columns that repeat one value say it once, in a marker above the header:
/// the status (<c>ii</c>) when every row has the same, and the most common architecture, which then stays only on the
/// rows that have another (each when at least <see cref="RepeatedColumns.MinRows"/> rows share it). Lines that are not rows
/// (dpkg-query's own messages) stay as they are.
/// </summary>
internal static class DpkgTable
{
    public const string LegendStart = "Desired=Unknown/Install";

    /// <summary>dpkg's status letters: wanted (u i h r p), state (n c H U F W t i) and the error flag (R).</summary>
    private static readonly System.Buffers.SearchValues<char> StatusLetters = System.Buffers.SearchValues.Create("uihrpncHUFWtR");

    /// <summary>dpkg's own messages on stderr; written to the same file as the table, one can land inside a row's description.</summary>
    private static readonly string[] MessageStarts = ["dpkg-query: ", "dpkg: "];

    /// <summary>A row's columns, and a dpkg message that was printed into its description (kept), if any.</summary>
    private sealed record Row(string Status, string Name, string Version, string? Architecture, string? Message);

    /// <summary>The condensed listing, or null when it has no package row (a legend alone says what it is best as is).</summary>
    public static string? Compress(string[] lines, bool trailingNewline)
    {
        bool hasArchitecture = lines.Any(l => l.StartsWith("||/", StringComparison.Ordinal) && l.Contains(" Architecture", StringComparison.Ordinal));
        var items = new List<(Row? Row, string? Line)>(lines.Length);
        int descriptions = 0;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line) || IsLegendOrRule(line) || line.StartsWith("||/", StringComparison.Ordinal))
            {
                continue;
            }
            if (TryRow(line, hasArchitecture, out Row? row, out bool described))
            {
                items.Add((row, null));
                descriptions += described ? 1 : 0;
                continue;
            }
            items.Add((null, Lines.Squeeze(line)));
        }
        var rows = items.Where(i => i.Row is not null).Select(i => i.Row!).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        string? oneStatus = rows.Count >= RepeatedColumns.MinRows && rows.TrueForAll(r => r.Status == rows[0].Status) ? rows[0].Status : null;
        string? commonArchitecture = hasArchitecture ? MostCommonArchitecture(rows) : null;
        var w = new LineWriter(lines.Sum(l => l.Length));
        if (oneStatus is not null || commonArchitecture is not null)
        {
            w.Line(FoldedNote(oneStatus, commonArchitecture));
        }
        w.Line((oneStatus is null ? "||/ " : "") + (hasArchitecture ? "Name Version Architecture" : "Name Version"));
        foreach (var (row, line) in items)
        {
            w.Line(row is null ? line! : Render(row, oneStatus is null, commonArchitecture));
        }
        if (descriptions > 0)
        {
            w.Line(Marker.Omitted(descriptions, "dpkg descriptions"));
        }
        return w.ToString(trailingNewline);
    }

    private static bool IsLegendOrRule(string line) =>
        line.StartsWith(LegendStart, StringComparison.Ordinal) || line.StartsWith("| Status=", StringComparison.Ordinal)
        || line.StartsWith("|/ Err?=", StringComparison.Ordinal) || line.StartsWith("+++-", StringComparison.Ordinal);

    /// <summary><c>ii  name  version  arch  description</c>: the status is two or three letters (the third flags an error).
    /// Only the leading columns are read; the description is whatever follows them.</summary>
    private static bool TryRow(string line, bool hasArchitecture, out Row? row, out bool described)
    {
        row = null;
        described = false;
        int at = 0;
        string? status = NextField(line, ref at);
        if (status is null || line[0] == ' ' || status.Length is < 2 or > 3 || status.AsSpan().ContainsAnyExcept(StatusLetters))
        {
            return false;
        }
        string? name = NextField(line, ref at);
        string? version = NextField(line, ref at);
        string? architecture = hasArchitecture ? NextField(line, ref at) : null;
        if (version is null || (hasArchitecture && architecture is null))
        {
            return false;
        }
        ReadOnlySpan<char> description = line.AsSpan(at).Trim();
        row = new Row(status, name!, version, architecture, MessageIn(description));
        described = !description.IsEmpty;
        return true;
    }

    /// <summary>The next space-separated field from <paramref name="at"/>, which moves past it; null at the line's end.</summary>
    private static string? NextField(string line, ref int at)
    {
        while (at < line.Length && line[at] is ' ' or '\t')
        {
            at++;
        }
        int start = at;
        while (at < line.Length && line[at] is not (' ' or '\t'))
        {
            at++;
        }
        return at > start ? line[start..at] : null;
    }

    private static string? MessageIn(ReadOnlySpan<char> description)
    {
        foreach (string start in MessageStarts)
        {
            int at = description.IndexOf(start, StringComparison.Ordinal);
            if (at >= 0)
            {
                return description[at..].ToString();
            }
        }
        return null;
    }

    private static string? MostCommonArchitecture(List<Row> rows)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Row row in rows)
        {
            counts[row.Architecture!] = counts.GetValueOrDefault(row.Architecture!) + 1;
        }
        // Ties go to the name first in ordinal order, so the same rows always fold the same way.
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).FirstOrDefault();
        return top.Value >= RepeatedColumns.MinRows ? top.Key : null;
    }

    private static string FoldedNote(string? status, string? architecture)
    {
        var parts = new List<string>(2);
        if (status is not null)
        {
            parts.Add("status " + status + " on every row");
        }
        if (architecture is not null)
        {
            parts.Add("architecture " + architecture + " where a row names none");
        }
        return RepeatedColumns.Marker(parts);
    }

    private static string Render(Row row, bool withStatus, string? commonArchitecture)
    {
        string line = row.Name + " " + row.Version;
        if (row.Architecture is not null && row.Architecture != commonArchitecture)
        {
            line += " " + row.Architecture;
        }
        if (row.Message is not null)
        {
            line += " " + row.Message;
        }
        return withStatus ? row.Status + " " + line : line;
    }
}
