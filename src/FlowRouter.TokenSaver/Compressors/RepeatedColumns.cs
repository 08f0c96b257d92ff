using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Table columns that hold one value on every row (pip's Location and Installer, npm's Depended by, dpkg's status):
/// said once in a marker above the header instead of on each row. Shared by the package tables so the marker and the
/// row count that makes it pay read the same.
/// </summary>
internal static class RepeatedColumns
{
    /// <summary>Below this many rows the marker costs more than the cells it saves.</summary>
    public const int MinRows = 6;

    /// <summary>"Installer pip" when <paramref name="column"/> holds one non-empty value on every row; otherwise null.</summary>
    public static string? SameOnEveryRow(string name, IReadOnlyList<string[]> rows, int column)
    {
        string first = rows[0][column];
        if (first.Length == 0)
        {
            return null;
        }
        foreach (string[] row in rows)
        {
            if (row[column] != first)
            {
                return null;
            }
        }
        return name + " " + first;
    }

    public static string Marker(IEnumerable<string> notes) => "[… repeated columns omitted: " + string.Join("; ", notes) + "]";

    /// <summary>
    /// The table written with one space between cells: the columns <paramref name="noteOf"/> gives a note for are said
    /// once in the marker and left out of every row; the first <paramref name="keptColumns"/> always stay; empty cells
    /// leave no double space. <paramref name="after"/> (lines below the table) follow unchanged. Null when no column folds.
    /// </summary>
    public static string? Fold(string[] names, List<string[]> rows, int keptColumns, Func<int, string?> noteOf,
        IEnumerable<string> after, bool trailingNewline)
    {
        var notes = new List<string>();
        var kept = new List<int>();
        for (int c = 0; c < names.Length; c++)
        {
            string? note = c < keptColumns ? null : noteOf(c);
            if (note is null)
            {
                kept.Add(c);
                continue;
            }
            notes.Add(note);
        }
        if (notes.Count == 0)
        {
            return null;
        }
        var w = new LineWriter(rows.Count * 32);
        w.Line(Marker(notes));
        w.Line(Row(names, kept));
        foreach (string[] row in rows)
        {
            w.Line(Row(row, kept));
        }
        foreach (string line in after)
        {
            w.Line(line);
        }
        return w.ToString(trailingNewline);
    }

    private static string Row(string[] cells, List<int> kept) => string.Join(' ', kept.Select(c => cells[c]).Where(c => c.Length > 0));
}
