using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Environment and configuration listings (<c>env</c>, <c>dotnet --info</c>, <c>npm config ls</c>,
/// <c>git config --list</c>, <c>node -p process.versions</c>). Nearly every line is a fact, so this only shortens a
/// value over <see cref="MaxValue"/> characters that is not a path list (<c>LS_COLORS</c> and the like), saying how
/// much was cut, and takes the alignment out of <c>Key:   value</c> tables: a line without <c>=</c> loses its
/// padding runs and half its indentation (the nesting stays visible). <c>KEY=VALUE</c> lines are left exactly as
/// they are, values with their spaces.
/// </summary>
internal static class EnvCompressor
{
    public const int MaxValue = 300;

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int changed = 0;
        foreach (string line in lines)
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && line.Length - eq - 1 > MaxValue && !line.AsSpan(0, eq).Contains("PATH", StringComparison.OrdinalIgnoreCase))
            {
                int keep = eq + 1 + 80;
                w.Line(string.Concat(line.AsSpan(0, keep), "…[+", Marker.Num(line.Length - keep), " chars]"));
                changed++;
                continue;
            }
            string aligned = eq < 0 ? Unalign(line) : line;
            changed += aligned.Length == line.Length ? 0 : 1;
            w.Line(aligned);
        }
        return changed == 0 ? null : w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary><c>  Version:      10.0.12</c> → <c> Version: 10.0.12</c>: inner runs of spaces become one, the
    /// indentation is halved (rounded up).</summary>
    internal static string Unalign(string line)
    {
        int indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }
        if (indent == line.Length || (indent < 2 && !line.AsSpan(indent).Contains("  ", StringComparison.Ordinal)))
        {
            return line;
        }
        return new string(' ', (indent + 1) / 2) + Lines.Squeeze(line[indent..]);
    }
}
