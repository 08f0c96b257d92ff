using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>pip list</c> with more than the two columns (<c>-v</c>: Location, Installer; <c>--outdated</c>: Latest, Type).
/// pip draws a <c>---- ----</c> rule under the header whose dashes span each column exactly, so cells are cut by it
/// (a path with a space or an empty Installer stays in its column). Package and Version stay on every row; a later
/// column with one value on every row is said once (<see cref="RepeatedColumns"/>); padding and the rule go.
/// </summary>
internal static class PipTable
{
    /// <summary>Package and Version, the facts of each row, always stay.</summary>
    private const int KeptColumns = 2;

    /// <summary>The folded table, or null when the text is not one pip table with a rule and enough rows to fold.</summary>
    public static string? Compress(string[] lines, bool trailingNewline)
    {
        if (lines.Length < 2 + RepeatedColumns.MinRows || !lines[0].StartsWith("Package ", StringComparison.Ordinal)
            || !IsRule(lines[1]))
        {
            return null;
        }
        List<(int Start, int End)> spans = Spans(lines[1]);
        if (spans.Count <= KeptColumns)
        {
            return null;
        }
        string[] names = Cells(lines[0], spans);
        var rows = new List<string[]>(lines.Length - 2);
        int end = 2;
        // The table ends at the first blank line; what follows (pip's "[notice] …") stays as it is.
        for (; end < lines.Length && !Lines.IsBlank(lines[end]); end++)
        {
            if (!FitsRule(lines[end], spans))
            {
                return null;
            }
            rows.Add(Cells(lines[end], spans));
        }
        if (rows.Count < RepeatedColumns.MinRows)
        {
            return null;
        }
        return RepeatedColumns.Fold(names, rows, KeptColumns, c => RepeatedColumns.SameOnEveryRow(names[c], rows, c),
            lines.Skip(end), trailingNewline);
    }

    /// <summary>Every gap between the rule's dashes is a space in the row, and the row ends within the last column: a
    /// cell wider than its dashes (a table not drawn by pip, or a line that is not a row) would be cut wrong.</summary>
    private static bool FitsRule(string row, List<(int Start, int End)> spans)
    {
        for (int c = 0; c < spans.Count - 1; c++)
        {
            if (spans[c].End < row.Length && row[spans[c].End] != ' ')
            {
                return false;
            }
        }
        return row.TrimEnd().Length <= spans[^1].End;
    }

    private static bool IsRule(string line) => line.Contains("- -", StringComparison.Ordinal) && !line.AsSpan().ContainsAnyExcept("- ");

    private static List<(int Start, int End)> Spans(string rule)
    {
        var spans = new List<(int, int)>();
        int i = 0;
        while (i < rule.Length)
        {
            int start = rule.IndexOf('-', i);
            if (start < 0)
            {
                break;
            }
            int end = rule.IndexOf(' ', start);
            end = end < 0 ? rule.Length : end;
            spans.Add((start, end));
            i = end;
        }
        return spans;
    }

    /// <summary>Each column's text, trimmed; the last column runs to the end of the line.</summary>
    private static string[] Cells(string line, List<(int Start, int End)> spans)
    {
        var cells = new string[spans.Count];
        for (int c = 0; c < spans.Count; c++)
        {
            int start = Math.Min(spans[c].Start, line.Length);
            int end = c == spans.Count - 1 ? line.Length : Math.Min(spans[c].End, line.Length);
            cells[c] = line[start..end].Trim();
        }
        return cells;
    }
}
