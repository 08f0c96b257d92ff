using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Application logs and any text no other compressor claims. Runs of three or more identical lines keep their first
/// line and a count. In timestamped logs (<see cref="OutputKinds.Log"/>), a run of four or more lines that differ only
/// in their digits (timestamps, counters, ids) keeps its first and last line and a count.
/// </summary>
internal static class LogCompressor
{
    public const int MinSimilarRun = 4;

    public static string? Compress(string text) => Fold(text, similar: false);

    public static string? CompressLog(string text) => Fold(text, similar: true);

    private static string? Fold(string text, bool similar)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int folded = 0;
        int i = 0;
        while (i < lines.Length)
        {
            int j = i + 1;
            while (j < lines.Length && string.Equals(lines[j], lines[i], StringComparison.Ordinal))
            {
                j++;
            }
            if (j - i >= 3 && !Lines.IsBlank(lines[i]))
            {
                w.Line(lines[i]);
                w.Line(Marker.Omitted(j - i - 1, "identical lines"));
                folded += j - i - 1;
                i = j;
                continue;
            }
            if (similar)
            {
                string mask = Mask(lines[i]);
                int k = i + 1;
                while (k < lines.Length && string.Equals(Mask(lines[k]), mask, StringComparison.Ordinal))
                {
                    k++;
                }
                if (k - i >= MinSimilarRun && !Lines.IsBlank(lines[i]))
                {
                    w.Line(lines[i]);
                    w.Line(Marker.Omitted(k - i - 2, "similar lines"));
                    w.Line(lines[k - 1]);
                    folded += k - i - 2;
                    i = k;
                    continue;
                }
            }
            w.Line(lines[i]);
            i++;
        }
        return folded == 0 ? null : w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>The line with every digit run (and hex id) replaced by one '0'.</summary>
    internal static string Mask(string line)
    {
        var sb = new System.Text.StringBuilder(line.Length);
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsAsciiDigit(line[i]))
            {
                while (i < line.Length && char.IsAsciiHexDigit(line[i]))
                {
                    i++;
                }
                sb.Append('0');
                continue;
            }
            sb.Append(line[i]);
            i++;
        }
        return sb.ToString();
    }
}
