using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// A cut function body is written <c>[… lines 38-44]</c> on a line of its own, between the line that opens the block
/// and the one that closes it. Where the opener ends in <c>{</c> and the closer is just <c>}</c> (or <c>};</c>,
/// <c>});</c> …) at the opener's indentation, the three lines become one, <c>37	    {…38-44}</c>: the same range, a
/// third of the tokens. The indentation check keeps a nested block's brace from being paired with its parent's.
/// </summary>
internal static class BraceRanges
{
    private const string Start = "[… lines ";

    /// <summary>The marker for a cut body: <c>[… lines a-b]</c> (the file's line numbers).</summary>
    public static string Range(string first, string last) => Start + first + "-" + last + "]";

    /// <summary>The written lines with each opener, range and closer folded into one line.</summary>
    public static List<string> Fold(List<string> written, bool numbered)
    {
        var output = new List<string>(written.Count);
        for (int i = 0; i < written.Count; i++)
        {
            if (i + 2 < written.Count && TryFold(written[i], written[i + 1], written[i + 2], numbered, out string folded))
            {
                output.Add(folded);
                i += 2;
                continue;
            }
            output.Add(written[i]);
        }
        return output;
    }

    private static bool TryFold(string opener, string range, string closer, bool numbered, out string folded)
    {
        folded = string.Empty;
        ReadOnlySpan<char> open = Code(opener, numbered);
        ReadOnlySpan<char> close = Code(closer, numbered);
        ReadOnlySpan<char> marker = range.AsSpan().TrimStart();
        if (!open.TrimEnd().EndsWith('{') || !marker.StartsWith(Start, StringComparison.Ordinal) || !marker.EndsWith(']'))
        {
            return false;
        }
        ReadOnlySpan<char> closeText = close.TrimStart();
        if (closeText.IsEmpty || closeText[0] != '}' || closeText[1..].TrimEnd().ContainsAnyExcept(");,") || Lines.Indent(open) != Lines.Indent(close))
        {
            return false;
        }
        folded = string.Concat(opener.AsSpan().TrimEnd(), "…", marker[Start.Length..^1], closeText.TrimEnd());
        return true;
    }

    /// <summary>The code of a written line: after the number and tab with <c>cat -n</c>.</summary>
    private static ReadOnlySpan<char> Code(string line, bool numbered)
    {
        if (!numbered)
        {
            return line;
        }
        int tab = line.IndexOf('\t', StringComparison.Ordinal);
        return tab < 0 ? line : line.AsSpan(tab + 1);
    }
}
