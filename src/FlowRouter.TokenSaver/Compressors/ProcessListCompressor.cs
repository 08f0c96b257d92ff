using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>ps aux</c>, <c>ps auxf</c>, <c>ps -ef</c>, <c>ps -eo …</c>. Kept: PID (and PPID), %CPU, %MEM, STAT and the command
/// with its tree drawing; USER when processes differ in it. Dropped (said in the marker): VSZ, RSS, TTY, START and
/// TIME, the user when all share one, %MEM when every process is under 1 %, column padding, and the arguments of a command line beyond
/// <see cref="MaxCommand"/> characters (not counting the tree drawing), cut at a space and marked <c>…</c>: what the
/// process is shows in its program and first arguments, and its three first words always stay.
/// </summary>
internal static class ProcessListCompressor
{
    public const int MaxCommand = 60;

    /// <summary>A cut saves at least this many characters (a short tail costs less than the cut's mark).</summary>
    private const int MinCut = 12;
    private static readonly string[] Dropped = ["VSZ", "RSS", "TTY", "TT", "START", "STIME", "TIME"];

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        int h = Array.FindIndex(lines, l => !Lines.IsBlank(l));
        if (h < 0)
        {
            return null;
        }
        var header = Lines.Fields(lines[h]);
        string[] names = header.ConvertAll(f => lines[h].Substring(f.Start, f.Length)).ToArray();
        int command = names.Length - 1;
        if (names.Length < 2 || Array.IndexOf(names, "PID") < 0 || names[command] is not ("COMMAND" or "CMD" or "ARGS" or "COMM"))
        {
            return null;
        }
        var rows = new List<(string[] Fields, string Command)>();
        for (int i = h + 1; i < lines.Length; i++)
        {
            if (Lines.IsBlank(lines[i]))
            {
                continue;
            }
            var f = Lines.Fields(lines[i]);
            if (f.Count < names.Length)
            {
                return null;
            }
            string[] fields = new string[command];
            for (int c = 0; c < command; c++)
            {
                fields[c] = lines[i].Substring(f[c].Start, f[c].Length);
            }
            // The command starts where its column starts in the header (ps auxf indents the tree inside it).
            int at = Math.Min(f[command].Start, Math.Max(header[command].Start, f[command - 1].Start + f[command - 1].Length + 1));
            rows.Add((fields, lines[i][at..].TrimEnd()));
        }
        if (rows.Count == 0)
        {
            return null;
        }
        var keep = new List<int>();
        var droppedNames = new List<string>();
        int user = Array.IndexOf(names, "USER");
        string? oneUser = user >= 0 && rows.TrueForAll(r => r.Fields[user] == rows[0].Fields[user]) ? rows[0].Fields[user] : null;
        int mem = Array.IndexOf(names, "%MEM");
        bool lowMemory = mem >= 0 && rows.TrueForAll(r => IsBelowOnePercent(r.Fields[mem]));
        for (int c = 0; c < command; c++)
        {
            if (Array.IndexOf(Dropped, names[c]) >= 0 || (c == user && oneUser is not null) || (c == mem && lowMemory))
            {
                if (c != user && c != mem)
                {
                    droppedNames.Add(names[c]);
                }
                continue;
            }
            keep.Add(c);
        }
        var shown = rows.ConvertAll(r => Shorten(r.Command));
        int cut = Enumerable.Range(0, rows.Count).Count(r => shown[r].Length != rows[r].Command.Length);
        var notes = new List<string>(3);
        if (droppedNames.Count > 0)
        {
            notes.Add(string.Join(", ", droppedNames) + " columns");
        }
        if (oneUser is not null)
        {
            notes.Add("user " + oneUser);
        }
        if (lowMemory)
        {
            notes.Add("%MEM (under 1 for all)");
        }
        if (cut > 0)
        {
            notes.Add("the arguments after … of " + Marker.Num(cut) + (cut == 1 ? " long command" : " long commands"));
        }
        var w = new LineWriter(text.Length);
        if (notes.Count > 0)
        {
            w.Line("[… " + string.Join("; ", notes) + " omitted]");
        }
        w.Line(string.Join(' ', keep.ConvertAll(c => names[c])) + " " + names[command]);
        for (int r = 0; r < rows.Count; r++)
        {
            w.Line(string.Join(' ', keep.ConvertAll(c => rows[r].Fields[c])) + " " + shown[r]);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary><c>0.4</c>, <c>0.0</c>: a share that says nothing about which process holds the memory.</summary>
    private static bool IsBelowOnePercent(string value) =>
        value.Length >= 3 && value[0] == '0' && value[1] == '.' && Lines.IsDigits(value.AsSpan(2));

    /// <summary>The command cut after <see cref="MaxCommand"/> characters of its own (the <c>ps f</c> tree drawing in
    /// front of it does not count), at a space, never inside its first three words; <c>…</c> marks the cut.</summary>
    internal static string Shorten(string command)
    {
        int start = 0;
        while (start < command.Length && command[start] is ' ' or '|' or '\\' or '_')
        {
            start++;
        }
        int limit = start + MaxCommand;
        if (command.Length <= limit + MinCut)
        {
            return command;
        }
        int words = start;
        for (int n = 0; n < 3 && words < command.Length; n++)
        {
            int space = command.IndexOf(' ', words + 1);
            words = space < 0 ? command.Length : space;
        }
        int at = command.LastIndexOf(' ', limit);
        at = Math.Max(at, words);
        return command.Length - at < MinCut ? command : string.Concat(command.AsSpan(0, at), "…");
    }
}
