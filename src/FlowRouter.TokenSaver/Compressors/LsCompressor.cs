using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>ls -l</c>, <c>-la</c>, <c>-lah</c>, <c>-laR</c>. Each entry becomes its name (directories end in <c>/</c>, executables
/// in <c>*</c>, links keep <c>-> target</c>) and, for files, its size as printed. Dropped: <c>.</c> and <c>..</c>, the
/// <c>total</c> lines, permission bits, link counts and dates, and owner and group when every entry shares them (said
/// once at the top). <c>ls -R</c> directory headers stay. Plain <c>ls</c> (names only) has nothing to cut.
/// </summary>
internal static class LsCompressor
{
    private readonly record struct Entry(char Type, bool Executable, string Owner, string Size, string Name);

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var parsed = new Entry?[lines.Length];
        int entries = 0;
        int recognised = 0;
        string? owner = null;
        bool oneOwner = true;
        for (int i = 0; i < lines.Length; i++)
        {
            if (TryParse(lines[i], out Entry e))
            {
                parsed[i] = e;
                entries++;
                oneOwner &= owner is null || string.Equals(owner, e.Owner, StringComparison.Ordinal);
                owner ??= e.Owner;
            }
            else if (!Lines.IsBlank(lines[i]) && !IsTotal(lines[i]) && !lines[i].EndsWith(':'))
            {
                continue;
            }
            recognised++;
        }
        if (entries == 0 || recognised * 10 < lines.Length * 8)
        {
            return null;
        }
        var w = new LineWriter(text.Length / 2);
        w.Line("[… modes, links and dates omitted" + (oneOwner && owner!.Length > 0 ? "; owner " + owner : "") + "; directories end in /]");
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (parsed[i] is Entry e)
            {
                if (e.Name is "." or "..")
                {
                    continue;
                }
                w.Line(Format(e, oneOwner));
                continue;
            }
            if (Lines.IsBlank(line) || IsTotal(line))
            {
                continue;
            }
            w.Line(line);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    private static string Format(Entry e, bool oneOwner)
    {
        string name = e.Type switch
        {
            'd' => e.Name.EndsWith('/') ? e.Name : e.Name + "/",
            'l' => e.Name,
            _ => e.Executable && e.Type == '-' ? e.Name + "*" : e.Name,
        };
        string size = e.Type is '-' ? " " + e.Size : "";
        string owner = oneOwner || e.Owner.Length == 0 ? "" : " " + e.Owner;
        return name + size + owner;
    }

    private static bool IsTotal(string line) =>
        line.StartsWith("total ", StringComparison.Ordinal) && line.Length < 20;

    internal static bool IsMode(ReadOnlySpan<char> f)
    {
        if (f.Length is < 10 or > 11 || "-dlbcpsD".IndexOf(f[0]) < 0)
        {
            return false;
        }
        for (int k = 1; k < 10; k++)
        {
            if ("rwxsStT-".IndexOf(f[k]) < 0)
            {
                return false;
            }
        }
        return f.Length == 10 || f[10] is '.' or '+' or '@';
    }

    /// <summary>mode links [owner [group]] size date name — the date (month day time|year, or ISO) anchors the rest.</summary>
    private static bool TryParse(string line, out Entry entry)
    {
        entry = default;
        var f = Lines.Fields(line);
        if (f.Count < 6 || !IsMode(line.AsSpan(f[0].Start, f[0].Length)) || !Lines.IsDigits(Field(line, f[1])))
        {
            return false;
        }
        for (int d = 3; d + 1 < f.Count; d++)
        {
            int dateFields = DateFields(line, f, d);
            if (dateFields == 0 || d + dateFields >= f.Count)
            {
                continue;
            }
            string size = Field(line, f[d - 1]).ToString();
            if (!char.IsAsciiDigit(size[0]))
            {
                return false;
            }
            // A device shows "major, minor" where a file shows its size.
            int ownerEnd = d - 2;
            if (ownerEnd >= 2 && Field(line, f[ownerEnd]).EndsWith(","))
            {
                ownerEnd--;
            }
            string owner = ownerEnd >= 2 ? line[f[2].Start..(f[ownerEnd].Start + f[ownerEnd].Length)] : "";
            string name = line[f[d + dateFields].Start..];
            char type = line[f[0].Start];
            bool exec = line[f[0].Start + 3] is 'x' or 's' || line[f[0].Start + 6] is 'x' || line[f[0].Start + 9] is 'x' or 't';
            entry = new Entry(type, exec, Lines.Squeeze(owner), size, name);
            return true;
        }
        return false;
    }

    private static ReadOnlySpan<char> Field(string line, (int Start, int Length) f) => line.AsSpan(f.Start, f.Length);

    /// <summary>How many fields the date at field <paramref name="d"/> takes: 3 for <c>Nov 25 16:24</c> or
    /// <c>Nov 25 2024</c>, 2 for <c>2024-11-25 16:24</c>, 3 for full-iso with a zone; 0 when no date starts there.</summary>
    private static int DateFields(string line, List<(int Start, int Length)> f, int d)
    {
        ReadOnlySpan<char> a = Field(line, f[d]);
        if (a.Length == 3 && char.IsAsciiLetterUpper(a[0]) && char.IsAsciiLetterLower(a[1]) && char.IsAsciiLetterLower(a[2])
            && d + 2 < f.Count && Lines.IsDigits(Field(line, f[d + 1])) && Field(line, f[d + 1]).Length <= 2)
        {
            ReadOnlySpan<char> t = Field(line, f[d + 2]);
            bool time = t.Length == 5 && t[2] == ':';
            bool year = t.Length == 4 && Lines.IsDigits(t);
            return time || year ? 3 : 0;
        }
        if (a.Length == 10 && a[4] == '-' && a[7] == '-' && char.IsAsciiDigit(a[0]) && d + 1 < f.Count)
        {
            ReadOnlySpan<char> t = Field(line, f[d + 1]);
            if (t.Length >= 5 && t[2] == ':')
            {
                bool zone = d + 2 < f.Count && Field(line, f[d + 2]) is { Length: 5 } z && (z[0] == '+' || z[0] == '-') && Lines.IsDigits(z[1..]);
                return zone ? 3 : 2;
            }
        }
        return 0;
    }
}
