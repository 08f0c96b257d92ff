using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>npm outdated</c> (and <c>--long</c>): Package, Current, Wanted and Latest stay on every row, since they are what
/// the command is for. The columns after them are said once, in a marker above the header, when they repeat on every
/// row: Location when it is <c>node_modules/&lt;Package&gt;</c> throughout, any other column (Depended by,
/// Package Type) when it holds one value. A table whose rows do not line up with its header is left to the caller.
/// </summary>
internal static class NpmOutdatedTable
{
    private const string HeaderStart = "Package Current Wanted Latest ";
    private const string Location = "Location";
    private const string InstalledAt = "node_modules/";

    /// <summary>Header names with a space in them; every other name (and every cell) is one word.</summary>
    private static readonly string[] TwoWordNames = ["Depended by", "Package Type"];

    /// <summary>Columns 0-3 (Package, Current, Wanted, Latest) always stay.</summary>
    private const int KeptColumns = 4;

    private static bool IsHeader(string squeezedLine) => squeezedLine.StartsWith(HeaderStart, StringComparison.Ordinal);

    /// <summary>The table with its repeated columns said once, or null when it is not one <c>npm outdated</c> table
    /// whose every row has a cell for each column.</summary>
    public static string? Compress(string[] lines, bool trailingNewline)
    {
        string? first = Array.Find(lines, l => !Lines.IsBlank(l));
        if (first is null || !IsHeader(Lines.Squeeze(first)))
        {
            return null;
        }
        var squeezed = lines.Where(l => !Lines.IsBlank(l)).Select(Lines.Squeeze).ToList();
        if (squeezed.Count < 1 + RepeatedColumns.MinRows)
        {
            return null;
        }
        List<string> names = ColumnNames(squeezed[0]);
        var rows = squeezed.Skip(1).Select(r => r.Split(' ')).ToList();
        if (!rows.TrueForAll(r => r.Length == names.Count))
        {
            return null;
        }
        return RepeatedColumns.Fold(names.ToArray(), rows, KeptColumns, c => RepeatedColumnNote(names[c], rows, c), [], trailingNewline);
    }

    private static List<string> ColumnNames(string header)
    {
        var names = new List<string>();
        int i = 0;
        while (i < header.Length)
        {
            string? twoWords = Array.Find(TwoWordNames, n => header.AsSpan(i).StartsWith(n, StringComparison.Ordinal)
                && (i + n.Length == header.Length || header[i + n.Length] == ' '));
            int end = twoWords is not null ? i + twoWords.Length : header.IndexOf(' ', i) is int space and >= 0 ? space : header.Length;
            names.Add(header[i..end]);
            i = end + 1;
        }
        return names;
    }

    /// <summary>"Location node_modules/&lt;Package&gt;" or "Depended by app" when the column repeats; null when it does not.</summary>
    private static string? RepeatedColumnNote(string name, List<string[]> rows, int column)
    {
        if (name == Location)
        {
            return rows.TrueForAll(r => r[column] == InstalledAt + r[0]) ? Location + " " + InstalledAt + "<Package>" : null;
        }
        return RepeatedColumns.SameOnEveryRow(name, rows, column);
    }
}
