using System.Globalization;
using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>git blame</c>, default and <c>--porcelain</c>/<c>--line-porcelain</c>. The blamed lines are written in runs: a
/// run of consecutive lines of one commit starts with <c>hash N) </c> (N its first line number) and goes on with the
/// text of the next lines only. The first run of each commit also names it in full: <c>hash [path] author day
/// ["summary"] N) text</c>; its later runs give only the shortest prefix of the hash (at least
/// <see cref="MinShortHash"/> digits) that tells the commits of this output apart. Kept: every line's text (and so its
/// number, by counting), every commit's hash as printed, author and day (porcelain: its summary). Dropped: the
/// per-line repetition of author, time and zone, e-mails and committer fields.
/// </summary>
internal static class GitBlameCompressor
{
    private sealed class Commit(string hash)
    {
        public string Hash { get; } = hash;
        public string Author { get; set; } = "";
        public string Date { get; set; } = "";
        public string? Summary { get; set; }
        public List<string> Paths { get; } = [];
        public string Short { get; set; } = hash;
        public bool Named { get; set; }
    }

    public const int MinShortHash = 4;

    public const string Legend =
        "[… blame condensed: \"hash N)\" starts a run of one commit's lines numbered from N; a commit's first run also gives author and day, later runs a short hash]";

    private readonly record struct BlameLine(Commit Commit, string Number, string Text);

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var commits = new List<Commit>();
        var byHash = new Dictionary<string, Commit>(StringComparer.Ordinal);
        var blamed = new List<BlameLine>();
        bool porcelain = lines.Length > 0 && IsPorcelainHeader(lines[0]);
        bool ok = porcelain
            ? ReadPorcelain(lines, commits, byHash, blamed)
            : ReadDefault(lines, commits, byHash, blamed);
        if (!ok || blamed.Count == 0)
        {
            return null;
        }
        var w = new LineWriter(text.Length / 2);
        string? mainPath = MainPath(commits);
        SetShortHashes(commits);
        w.Line(Legend);
        if (mainPath is not null && !commits.TrueForAll(c => c.Paths.Count == 0 || IsOnlyIn(c, mainPath)))
        {
            // Some commits name another path (a rename): the usual one is said once.
            w.Line("[… path " + mainPath + " omitted where it is the commit's only path]");
        }
        Commit? previous = null;
        int previousNumber = -1;
        foreach (BlameLine b in blamed)
        {
            bool sameCommit = ReferenceEquals(b.Commit, previous);
            int number = int.TryParse(b.Number, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1;
            if (sameCommit && number >= 0 && number == previousNumber + 1)
            {
                w.Line(b.Text);
            }
            else
            {
                w.Line((sameCommit ? "" : Name(b.Commit, mainPath) + " ") + b.Number + ") " + b.Text);
            }
            previous = b.Commit;
            previousNumber = number;
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>The commit in full the first time (<c>hash [paths] author day ["summary"]</c>), its short hash after.</summary>
    private static string Name(Commit c, string? mainPath)
    {
        if (c.Named)
        {
            return c.Short;
        }
        c.Named = true;
        string path = c.Paths.Count == 0 || IsOnlyIn(c, mainPath) ? "" : " " + string.Join(", ", c.Paths);
        string summary = c.Summary is null ? "" : " \"" + c.Summary + "\"";
        return c.Hash + path + " " + c.Author + " " + c.Date + summary;
    }

    /// <summary>The shortest common prefix length (at least <see cref="MinShortHash"/> digits) at which no two commits
    /// of the output share a short hash; a boundary commit keeps its <c>^</c>.</summary>
    private static void SetShortHashes(List<Commit> commits)
    {
        int longest = commits.Max(c => Digits(c).Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int length = Math.Min(MinShortHash, longest); length <= longest; length++)
        {
            seen.Clear();
            if (commits.TrueForAll(c => seen.Add(ShortHash(c, length))) || length == longest)
            {
                commits.ForEach(c => c.Short = ShortHash(c, length));
                return;
            }
        }
    }

    private static string ShortHash(Commit c, int length)
    {
        string digits = Digits(c);
        return (c.Hash.StartsWith('^') ? "^" : "") + (digits.Length <= length ? digits : digits[..length]);
    }

    private static string Digits(Commit c) => c.Hash.StartsWith('^') ? c.Hash[1..] : c.Hash;

    /// <summary>The path most commits have as their only one (blame names a path per commit when the file was
    /// renamed); null when no commit has a path.</summary>
    private static string? MainPath(List<Commit> commits)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? main = null;
        foreach (Commit c in commits)
        {
            if (c.Paths.Count != 1)
            {
                continue;
            }
            int n = counts[c.Paths[0]] = counts.GetValueOrDefault(c.Paths[0]) + 1;
            if (main is null || n > counts[main])
            {
                main = c.Paths[0];
            }
        }
        return main;
    }

    private static bool IsOnlyIn(Commit c, string? path) =>
        path is not null && c.Paths.Count == 1 && string.Equals(c.Paths[0], path, StringComparison.Ordinal);

    private static Commit GetCommit(string hash, List<Commit> commits, Dictionary<string, Commit> byHash)
    {
        if (!byHash.TryGetValue(hash, out Commit? c))
        {
            c = new Commit(hash);
            byHash[hash] = c;
            commits.Add(c);
        }
        return c;
    }

    /// <summary><c>hash [path] (Author Name 2023-03-06 02:28:31 +0000   1) text</c>; every line must parse.</summary>
    private static bool ReadDefault(string[] lines, List<Commit> commits, Dictionary<string, Commit> byHash, List<BlameLine> blamed)
    {
        foreach (string line in lines)
        {
            if (!TryParseDefault(line, out string hash, out string path, out string author, out string date, out string number, out string content))
            {
                return false;
            }
            Commit c = GetCommit(hash, commits, byHash);
            c.Author = author;
            c.Date = date;
            if (path.Length > 0 && !c.Paths.Contains(path, StringComparer.Ordinal))
            {
                c.Paths.Add(path);
            }
            blamed.Add(new BlameLine(c, number, content));
        }
        return true;
    }

    internal static bool TryParseDefault(string line, out string hash, out string path, out string author, out string date,
        out string number, out string content)
    {
        hash = path = author = date = number = content = "";
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space < 7)
        {
            return false;
        }
        hash = line[..space];
        ReadOnlySpan<char> h = hash.AsSpan(hash[0] == '^' ? 1 : 0);
        if (h.Length < 7 || !Lines.IsHex(h))
        {
            return false;
        }
        int open = line.IndexOf('(', space);
        if (open < 0)
        {
            return false;
        }
        path = line[space..open].Trim();
        int dateAt = FindDate(line, open + 1);
        if (dateAt < 0)
        {
            return false;
        }
        author = line[(open + 1)..dateAt].Trim();
        date = line.Substring(dateAt, 10);
        int close = line.IndexOf(')', dateAt);
        if (close < 0)
        {
            return false;
        }
        // "... +0000   1)": the line number is the last field before ')'.
        int numEnd = close;
        int numStart = numEnd;
        while (numStart > dateAt && char.IsAsciiDigit(line[numStart - 1]))
        {
            numStart--;
        }
        if (numStart == numEnd || line[numStart - 1] != ' ')
        {
            return false;
        }
        number = line[numStart..numEnd];
        content = close + 2 <= line.Length ? line[(close + 2)..] : "";
        return true;
    }

    /// <summary>
    /// A blame line of any layout, for telling the kind: a hash (a boundary one with <c>^</c>), a space or tab, and a
    /// line number closing with <c>)</c> (<c>-s</c>: <c>9e6b58af  1) text</c>; <c>-t</c>'s raw times, <c>-c</c>'s tabs).
    /// The layouts <see cref="Compress"/> does not read pass through whole, which suits them: read as source code,
    /// their blamed lines would be cut as comments and bodies.
    /// </summary>
    internal static bool LooksLikeBlame(string line)
    {
        int start = line.StartsWith('^') ? 1 : 0;
        int i = start;
        while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] is >= 'a' and <= 'f'))
        {
            i++;
        }
        if (i - start < 7 || i >= line.Length || line[i] is not (' ' or '\t'))
        {
            return false;
        }
        int close = line.IndexOf(')', i);
        int digits = close;
        while (digits > i && char.IsAsciiDigit(line[digits - 1]))
        {
            digits--;
        }
        return close > 0 && digits < close && line[digits - 1] is ' ' or '\t';
    }

    /// <summary>Index of the first <c>yyyy-mm-dd</c> after a space, from <paramref name="from"/>.</summary>
    private static int FindDate(string line, int from)
    {
        for (int i = from; i + 10 <= line.Length; i++)
        {
            if (line[i - 1] == ' ' && char.IsAsciiDigit(line[i]) && char.IsAsciiDigit(line[i + 1]) && char.IsAsciiDigit(line[i + 2])
                && char.IsAsciiDigit(line[i + 3]) && line[i + 4] == '-' && char.IsAsciiDigit(line[i + 5]) && char.IsAsciiDigit(line[i + 6])
                && line[i + 7] == '-' && char.IsAsciiDigit(line[i + 8]) && char.IsAsciiDigit(line[i + 9]))
            {
                return i;
            }
            if (line[i] == ')')
            {
                return -1;
            }
        }
        return -1;
    }

    internal static bool IsPorcelainHeader(string line)
    {
        var fields = Lines.Fields(line);
        if (fields.Count is < 3 or > 4 || fields[0].Length != 40 || !Lines.IsHex(line.AsSpan(0, 40)))
        {
            return false;
        }
        for (int f = 1; f < fields.Count; f++)
        {
            if (!Lines.IsDigits(line.AsSpan(fields[f].Start, fields[f].Length)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ReadPorcelain(string[] lines, List<Commit> commits, Dictionary<string, Commit> byHash, List<BlameLine> blamed)
    {
        Commit? current = null;
        string number = "";
        long time = 0;
        string tz = "";
        foreach (string line in lines)
        {
            if (current is null)
            {
                if (!IsPorcelainHeader(line))
                {
                    return false;
                }
                var fields = Lines.Fields(line);
                current = GetCommit(line[..GitCommitHeader.HashLength], commits, byHash);
                number = line.Substring(fields[2].Start, fields[2].Length);
                continue;
            }
            if (line.StartsWith('\t'))
            {
                if (current.Date.Length == 0 && tz.Length > 0)
                {
                    current.Date = FormatDate(time, tz);
                }
                blamed.Add(new BlameLine(current, number, line[1..]));
                current = null;
                continue;
            }
            int sp = line.IndexOf(' ', StringComparison.Ordinal);
            string key = sp < 0 ? line : line[..sp];
            string value = sp < 0 ? "" : line[(sp + 1)..];
            switch (key)
            {
                case "author":
                    current.Author = value;
                    break;
                case "author-time":
                    _ = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out time);
                    break;
                case "author-tz":
                    tz = value;
                    current.Date = "";
                    break;
                case "summary":
                    current.Summary = value;
                    break;
                case "filename":
                    if (!current.Paths.Contains(value, StringComparer.Ordinal))
                    {
                        current.Paths.Add(value);
                    }
                    break;
                default:
                    break;
            }
        }
        return current is null;
    }

    private static string FormatDate(long unixSeconds, string tz)
    {
        TimeSpan offset = TimeSpan.Zero;
        if (tz.Length == 5 && (tz[0] == '+' || tz[0] == '-')
            && int.TryParse(tz.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hh)
            && int.TryParse(tz.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int mm))
        {
            offset = new TimeSpan(hh, mm, 0);
            if (tz[0] == '-')
            {
                offset = -offset;
            }
        }
        return DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
