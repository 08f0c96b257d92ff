namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// A <c>--stat</c> line, <c> src/a.cs | 27 +++++++++++++--------</c>: the +/- graph repeats the count in characters,
/// so it becomes <c>src/a.cs | 27</c>. Binary lines (<c>| Bin 0 -> 1234 bytes</c>) are only trimmed.
/// </summary>
internal static class GitStatLine
{
    public static bool TryCondense(string line, out string condensed)
    {
        condensed = line;
        if (line.Length < 4 || line[0] != ' ')
        {
            return false;
        }
        int bar = line.IndexOf(" | ", StringComparison.Ordinal);
        if (bar <= 0)
        {
            return false;
        }
        ReadOnlySpan<char> right = line.AsSpan(bar + 3).Trim();
        ReadOnlySpan<char> path = line.AsSpan(0, bar).Trim();
        if (path.IsEmpty)
        {
            return false;
        }
        if (right.StartsWith("Bin"))
        {
            condensed = string.Concat(path, " | ", right);
            return true;
        }
        int digits = 0;
        while (digits < right.Length && char.IsAsciiDigit(right[digits]))
        {
            digits++;
        }
        if (digits == 0)
        {
            return false;
        }
        ReadOnlySpan<char> graph = right[digits..].Trim();
        if (graph.ContainsAnyExcept('+', '-'))
        {
            return false;
        }
        condensed = string.Concat(path, " | ", right[..digits]);
        return true;
    }

    /// <summary><c> 3 files changed, 22 insertions(+), 2 deletions(-)</c></summary>
    public static bool IsSummary(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return s.Length > 0 && char.IsAsciiDigit(s[0])
            && (s.Contains(" files changed", StringComparison.Ordinal) || s.Contains(" file changed", StringComparison.Ordinal));
    }
}
