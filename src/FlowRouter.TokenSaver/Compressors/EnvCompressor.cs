using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// Environment and configuration listings (<c>env</c>, <c>dotnet --info</c>, <c>npm config ls</c>,
/// <c>git config --list</c>, <c>node -p process.versions</c>). Nearly every line is a fact, so this only shortens a
/// value over <see cref="MaxValue"/> characters that is not a path list (<c>LS_COLORS</c> and the like), saying how
/// much was cut. Everything else passes through.
/// </summary>
internal static class EnvCompressor
{
    public const int MaxValue = 300;

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int cut = 0;
        foreach (string line in lines)
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && line.Length - eq - 1 > MaxValue && !line.AsSpan(0, eq).Contains("PATH", StringComparison.OrdinalIgnoreCase))
            {
                int keep = eq + 1 + 80;
                w.Line(string.Concat(line.AsSpan(0, keep), "…[+", Marker.Num(line.Length - keep), " chars]"));
                cut++;
                continue;
            }
            w.Line(line);
        }
        return cut == 0 ? null : w.ToString(Lines.EndsWithNewline(text));
    }
}
