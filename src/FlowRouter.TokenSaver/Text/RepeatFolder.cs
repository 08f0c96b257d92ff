namespace FlowRouter.TokenSaver.Text;

/// <summary>
/// Folds runs of identical consecutive lines: the first is kept, the rest become <c>[… 57 identical lines omitted]</c>.
/// A run shorter than <c>minRun</c> stays as it is (a marker would cost more than it saves).
/// </summary>
internal static class RepeatFolder
{
    public static int Fold(IReadOnlyList<string> lines, LineWriter output, int minRun = 3)
    {
        int folded = 0;
        int i = 0;
        while (i < lines.Count)
        {
            int j = i + 1;
            while (j < lines.Count && string.Equals(lines[j], lines[i], StringComparison.Ordinal))
            {
                j++;
            }
            int run = j - i;
            output.Line(lines[i]);
            if (run >= minRun && !Lines.IsBlank(lines[i]))
            {
                output.Line(Marker.Omitted(run - 1, "identical lines"));
                folded += run - 1;
            }
            else
            {
                for (int k = i + 1; k < j; k++)
                {
                    output.Line(lines[k]);
                }
            }
            i = j;
        }
        return folded;
    }
}
