using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// The commit blocks of <c>git log</c>, <c>git show</c> and <c>git log -p</c>: <c>commit &lt;40 hex&gt;</c>, the header
/// lines, the indented message. Kept: the hash cut to <see cref="HashLength"/> digits (with its decoration), merge
/// parents, author name and date (to the minute), the subject and up to <see cref="MaxBodyLines"/> body lines.
/// Dropped: author e-mail, seconds and zone, blank lines, trailers (<c>Signed-off-by:</c>, <c>Co-authored-by:</c>, …) and whatever follows a <c>---</c> line in a
/// message (bot metadata, squashed sub-commit lists' trailers).
/// </summary>
internal static class GitCommitHeader
{
    public const int HashLength = 10;
    public const int MaxBodyLines = 6;

    private static readonly string[] Trailers =
    [
        "Signed-off-by:", "Co-authored-by:", "Co-Authored-By:", "Reviewed-by:", "Acked-by:", "Tested-by:", "Change-Id:",
        "Reported-by:", "Suggested-by:", "Cc:", "Helped-by:",
    ];

    /// <summary>Whether the line starts a commit block: <c>commit</c> and a full 40 (or 64) digit hash.</summary>
    public static bool IsCommitLine(string line)
    {
        if (!line.StartsWith("commit ", StringComparison.Ordinal))
        {
            return false;
        }
        ReadOnlySpan<char> rest = line.AsSpan(7);
        int end = rest.IndexOf(' ');
        ReadOnlySpan<char> hash = end < 0 ? rest : rest[..end];
        return (hash.Length == 40 || hash.Length == 64) && Lines.IsHex(hash);
    }

    /// <summary>
    /// Writes the block starting at <paramref name="i"/> (a commit line) up to, not including, the first line after its
    /// message; returns that index.
    /// </summary>
    public static int Write(string[] lines, int i, LineWriter w, ref int bodyLinesOmitted)
    {
        string commit = lines[i];
        int hashEnd = commit.IndexOf(' ', 7);
        string hash = hashEnd < 0 ? commit[7..] : commit[7..hashEnd];
        string decoration = hashEnd < 0 ? "" : commit[hashEnd..];
        w.Line("commit " + hash[..HashLength] + decoration);
        i++;
        string? author = null;
        string? date = null;
        while (i < lines.Length && lines[i].Length > 0 && !lines[i].StartsWith("    ", StringComparison.Ordinal))
        {
            string h = lines[i];
            if (h.StartsWith("Author:", StringComparison.Ordinal))
            {
                author = WithoutEmail(h["Author:".Length..].Trim());
            }
            else if (h.StartsWith("Date:", StringComparison.Ordinal))
            {
                date = GitDate.Shorten(h["Date:".Length..].Trim());
            }
            else
            {
                w.Line(h);
            }
            i++;
        }
        if (author is not null || date is not null)
        {
            w.Line("Author: " + author + (author is not null && date is not null ? ", " : "") + date);
        }
        if (i < lines.Length && lines[i].Length == 0)
        {
            i++;
        }
        return WriteMessage(lines, i, w, ref bodyLinesOmitted);
    }

    private static int WriteMessage(string[] lines, int i, LineWriter w, ref int bodyLinesOmitted)
    {
        int written = 0;
        int omitted = 0;
        bool afterSeparator = false;
        bool subject = true;
        while (i < lines.Length && (lines[i].StartsWith("    ", StringComparison.Ordinal) || IsBlankInsideMessage(lines, i)))
        {
            string line = lines[i];
            string text = line.Length >= 4 ? line[4..] : "";
            i++;
            if (Lines.IsBlank(text))
            {
                continue;
            }
            if (subject)
            {
                w.Line(line);
                subject = false;
                continue;
            }
            if (afterSeparator || IsTrailer(text))
            {
                omitted++;
                continue;
            }
            if (IsSeparator(text))
            {
                afterSeparator = true;
                omitted++;
                continue;
            }
            if (written >= MaxBodyLines)
            {
                omitted++;
                continue;
            }
            w.Line(line);
            written++;
        }
        if (omitted > 0)
        {
            w.Line("    " + Marker.Omitted(omitted, "message lines"));
            bodyLinesOmitted += omitted;
        }
        // The blank line that ends the message.
        if (i < lines.Length && lines[i].Length == 0)
        {
            i++;
        }
        return i;
    }

    /// <summary>An empty line between two message lines (git writes them as four spaces, other tools as nothing).</summary>
    private static bool IsBlankInsideMessage(string[] lines, int i) =>
        lines[i].Length == 0 && i + 1 < lines.Length && lines[i + 1].StartsWith("    ", StringComparison.Ordinal);

    private static bool IsTrailer(string text)
    {
        foreach (string t in Trailers)
        {
            if (text.StartsWith(t, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsSeparator(string text)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        return s.Length >= 3 && !s.ContainsAnyExcept('-');
    }

    private static string WithoutEmail(string author)
    {
        int lt = author.LastIndexOf(" <", StringComparison.Ordinal);
        return lt > 0 && author.EndsWith('>') ? author[..lt] : author;
    }
}
