namespace FlowRouter.Cli;

/// <summary>A plain-text table for the terminal: a header, a rule, columns padded to their widest cell.</summary>
internal static class TextTable
{
    /// <param name="rightAligned">Columns to align right (numbers); by default every column after the first.</param>
    public static void Write(TextWriter output, string[] header, IReadOnlyList<string[]> rows, Func<int, bool>? rightAligned = null)
    {
        rightAligned ??= _ => false;
        int[] widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Row(header, widths, rightAligned));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Row(row, widths, rightAligned));
        }
    }

    private static string Row(string[] cells, int[] widths, Func<int, bool> rightAligned) =>
        string.Join("  ", cells.Select((c, i) => rightAligned(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
