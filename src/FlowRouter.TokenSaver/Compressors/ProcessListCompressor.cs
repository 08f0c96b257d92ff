using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>ps aux</c>, <c>ps auxf</c>, <c>ps -ef</c>, <c>ps -eo …</c>. Kept: PID (and PPID), %CPU, %MEM, STAT and the command
/// with its tree drawing; USER when processes differ in it. Dropped (said in the marker): VSZ, RSS, TTY, START and
/// TIME, the user when all share one, column padding, and the part of a command line beyond
/// <see cref="MaxCommand"/> characters.
/// </summary>
internal static class ProcessListCompressor
{
    public const int MaxCommand = 100;
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
        for (int c = 0; c < command; c++)
        {
            if (Array.IndexOf(Dropped, names[c]) >= 0 || (c == user && oneUser is not null))
            {
                if (c != user)
                {
                    droppedNames.Add(names[c]);
                }
                continue;
            }
            keep.Add(c);
        }
        var w = new LineWriter(text.Length);
        if (droppedNames.Count > 0 || oneUser is not null)
        {
            w.Line("[… " + string.Join(", ", droppedNames) + (droppedNames.Count > 0 ? " columns" : "")
                + (oneUser is not null ? (droppedNames.Count > 0 ? "; " : "") + "user " + oneUser : "") + " omitted]");
        }
        w.Line(string.Join(' ', keep.ConvertAll(c => names[c])) + " " + names[command]);
        foreach (var (fields, cmd) in rows)
        {
            string shown = cmd.Length > MaxCommand ? string.Concat(cmd.AsSpan(0, MaxCommand), "…[+", Marker.Num(cmd.Length - MaxCommand), " chars]") : cmd;
            w.Line(string.Join(' ', keep.ConvertAll(c => fields[c])) + " " + shown);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }
}
