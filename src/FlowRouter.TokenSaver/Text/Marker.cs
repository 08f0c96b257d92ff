using System.Globalization;

namespace FlowRouter.TokenSaver.Text;

/// <summary>
/// The one shape of every note the compressors leave for the model: <c>[… 214 context lines omitted]</c>. Short, in
/// brackets with an ellipsis so it cannot be mistaken for tool output, and the same words for the same thing.
/// </summary>
internal static class Marker
{
    public static string Omitted(int count, string what) =>
        "[… " + count.ToString(CultureInfo.InvariantCulture) + " " + Noun(count, what) + " omitted]";

    /// <summary>Where a phrase's noun ends and its qualifier starts: "lines of …", "frames outside …", "bodies (…)".</summary>
    private static readonly string[] Qualifiers = [" of ", " outside ", " ("];

    /// <summary>
    /// "lines" → "line", "bodies" → "body" for one: the plural is the last word, or the one before a qualifier
    /// (<see cref="Qualifiers"/>).
    /// </summary>
    private static string Noun(int count, string what)
    {
        if (count != 1)
        {
            return what;
        }
        int end = what.Length;
        foreach (string qualifier in Qualifiers)
        {
            int at = what.IndexOf(qualifier, StringComparison.Ordinal);
            if (at >= 0 && at < end)
            {
                end = at;
            }
        }
        if (end > 3 && what.AsSpan(0, end).EndsWith("ies", StringComparison.Ordinal))
        {
            return string.Concat(what.AsSpan(0, end - 3), "y", what.AsSpan(end));
        }
        return end > 1 && what[end - 1] == 's' && what[end - 2] != 's' ? what.Remove(end - 1, 1) : what;
    }

    /// <summary>A list of omissions in one marker: <c>[… 3 passing tests, 40 library frames omitted]</c>; null when all are zero.</summary>
    public static string? OmittedList(params (int Count, string What)[] parts)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (count, what) in parts)
        {
            if (count <= 0)
            {
                continue;
            }
            sb.Append(sb.Length == 0 ? "[… " : ", ");
            sb.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Noun(count, what));
        }
        return sb.Length == 0 ? null : sb.Append(" omitted]").ToString();
    }

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
