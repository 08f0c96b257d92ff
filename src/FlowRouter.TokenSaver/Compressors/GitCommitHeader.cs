using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// The commit blocks of <c>git log</c>, <c>git show</c> and <c>git log -p</c>: <c>commit &lt;40 hex&gt;</c>, the header
/// lines, the indented message. Kept, on one line: the hash cut to <see cref="HashLength"/> digits (with its
/// decoration), the author's day, author name and the subject; merge parents on the next line. Dropped: author
/// e-mail, time of day and zone, and the message body (counted in <c>[+N body lines]</c>).
/// </summary>
internal static class GitCommitHeader
{
    public const int HashLength = 10;

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
    /// Whether a line of this compressor's own output is a commit line as <see cref="Write"/> writes it: the hash cut
    /// to <see cref="HashLength"/> digits, then a space (before the decoration, day or author). For the later passes
    /// over written diffs (<see cref="DiffRepeats"/>, <see cref="DiffPureHunks"/>), where <c>commit &lt;hash&gt;</c> is gone.
    /// </summary>
    public static bool IsWrittenLine(ReadOnlySpan<char> line) =>
        line.Length > HashLength && line[HashLength] == ' ' && Lines.IsHex(line[..HashLength]);

    /// <summary>One commit block as read: the hash as printed (40 or 64 digits), the decoration after it (with its
    /// leading space, or empty), the author without e-mail, the author's day, the subject, the count of other message
    /// lines, and header lines other than Author/Date (<c>Merge:</c>) as printed.</summary>
    public sealed record Block(string Hash, string Decoration, string? Author, string? Day, string? Subject, int BodyLines,
        IReadOnlyList<string> OtherHeaders)
    {
        /// <summary><c>hash (decoration) [yyyy-mm-dd] author: subject</c>, the hash cut to <see cref="HashLength"/>.</summary>
        public string Line(bool withDay)
        {
            var sb = new System.Text.StringBuilder(Hash[..HashLength]).Append(Decoration);
            if (withDay && Day is not null)
            {
                sb.Append(' ').Append(Day);
            }
            if (Author is not null)
            {
                sb.Append(' ').Append(Author);
            }
            if (Subject is not null)
            {
                sb.Append(Author is not null ? ": " : " ").Append(Subject);
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// Writes the block starting at <paramref name="i"/> (a commit line) as one line,
    /// <c>hash (decoration) yyyy-mm-dd author: subject [+N body lines]</c> (other header lines such as <c>Merge:</c>
    /// follow it as printed), up to, not including, the first line after its message; returns that index. The body
    /// is counted, not written: <c>git show HASH</c> gets it back.
    /// </summary>
    public static int Write(string[] lines, int i, LineWriter w, ref int bodyLinesOmitted)
    {
        i = Read(lines, i, out Block block);
        string line = block.Line(withDay: true);
        if (block.BodyLines > 0)
        {
            int body = block.BodyLines;
            line += " [+" + Marker.Num(body) + (body == 1 ? " body line]" : " body lines]");
            bodyLinesOmitted += body;
        }
        w.Line(line);
        foreach (string o in block.OtherHeaders)
        {
            w.Line(o);
        }
        return i;
    }

    /// <summary>Reads the block starting at <paramref name="i"/> (a commit line) up to, not including, the first line
    /// after its message; returns that index.</summary>
    public static int Read(string[] lines, int i, out Block block)
    {
        string commit = lines[i];
        int hashEnd = commit.IndexOf(' ', 7);
        string hash = hashEnd < 0 ? commit[7..] : commit[7..hashEnd];
        string decoration = hashEnd < 0 ? "" : commit[hashEnd..];
        i++;
        string? author = null;
        string? date = null;
        List<string>? others = null;
        while (i < lines.Length && lines[i].Length > 0 && !lines[i].StartsWith("    ", StringComparison.Ordinal))
        {
            string h = lines[i];
            if (h.StartsWith("Author:", StringComparison.Ordinal))
            {
                author = WithoutEmail(h["Author:".Length..].Trim());
            }
            else if (h.StartsWith("Date:", StringComparison.Ordinal))
            {
                date = GitDate.Day(h["Date:".Length..].Trim());
            }
            else
            {
                (others ??= []).Add(h);
            }
            i++;
        }
        if (i < lines.Length && lines[i].Length == 0)
        {
            i++;
        }
        i = ReadMessage(lines, i, out string? subject, out int body);
        block = new Block(hash, decoration, author, date, subject, body, others ?? (IReadOnlyList<string>)[]);
        return i;
    }

    /// <summary>Reads the indented message: its first non-blank line is the subject; the other non-blank lines are
    /// counted.</summary>
    private static int ReadMessage(string[] lines, int i, out string? subject, out int body)
    {
        subject = null;
        body = 0;
        while (i < lines.Length && (lines[i].StartsWith("    ", StringComparison.Ordinal) || IsBlankInsideMessage(lines, i)))
        {
            string line = lines[i];
            string text = line.Length >= 4 ? line[4..] : "";
            i++;
            if (Lines.IsBlank(text))
            {
                continue;
            }
            if (subject is null)
            {
                subject = text.Trim();
                continue;
            }
            body++;
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

    private static string WithoutEmail(string author)
    {
        int lt = author.LastIndexOf(" <", StringComparison.Ordinal);
        return lt > 0 && author.EndsWith('>') ? author[..lt] : author;
    }
}
