using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Small column listings whose every cell is a fact (<c>df</c>, <c>free</c>, <c>du</c>, <c>wc</c>): only column padding
/// goes, and a row printed twice in a row (<c>df</c> of two paths on one file system) is written once. Little to gain;
/// nothing to lose.
/// </summary>
internal static class TableCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int changed = 0;
        foreach (string line in lines)
        {
            string row = line.Contains("  ", StringComparison.Ordinal) || line.StartsWith(' ') ? Lines.Squeeze(line) : line;
            if (row.Length == 0)
            {
                continue;
            }
            if (!seen.Add(row))
            {
                changed++;
                continue;
            }
            changed += row.Length == line.Length ? 0 : 1;
            w.Line(row);
        }
        return changed == 0 ? null : w.ToString(Lines.EndsWithNewline(text));
    }
}
