using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>find</c> (and other one-path-per-line listings): paths are grouped by directory, one line per directory,
/// <c>dir/: name name …</c>, directories in the order they first appear and names in their own order. Every name and
/// every directory part stays; the repeated directory prefixes go. Lines that are not paths (<c>find: … Permission
/// denied</c>) are kept, first. A name with a space is quoted.
/// <para>A bare path list may also be <c>grep -l</c> output, whose facts are the full paths; auto-detection therefore
/// only picks this compressor when the list shows directories as entries too (which <c>grep -l</c> never does).</para>
/// </summary>
internal static class FindCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var order = new List<string>();
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var other = new List<string>();
        int paths = 0;
        foreach (string line in lines)
        {
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (!IsPath(line))
            {
                other.Add(line);
                continue;
            }
            paths++;
            if (line is "." or "./")
            {
                continue;
            }
            string path = line.EndsWith('/') && line.Length > 1 ? line[..^1] : line;
            int slash = path.LastIndexOf('/');
            string dir = slash < 0 ? "" : path[..(slash + 1)];
            string name = slash < 0 ? path : path[(slash + 1)..];
            if (!groups.TryGetValue(dir, out List<string>? names))
            {
                names = [];
                groups[dir] = names;
                order.Add(dir);
            }
            names.Add(name.Contains(' ', StringComparison.Ordinal) ? "\"" + name + "\"" : name);
        }
        if (paths < 3 || other.Count * 4 > paths)
        {
            return null;
        }
        var w = new LineWriter(text.Length);
        foreach (string line in other)
        {
            w.Line(line);
        }
        w.Line("[… repeated directory prefixes omitted: each line is dir/: entries]");
        foreach (string dir in order)
        {
            w.Line((dir.Length == 0 ? "" : dir + ": ") + string.Join(' ', groups[dir]));
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>A path as find prints it: no leading space, no tab, no <c>: </c>, not a sentence.</summary>
    internal static bool IsPath(string line)
    {
        if (line.Length == 0 || line.Length > 4096 || char.IsWhiteSpace(line[0]) || line.Contains('\t', StringComparison.Ordinal)
            || line.Contains(": ", StringComparison.Ordinal))
        {
            return false;
        }
        int spaces = line.AsSpan().Count(' ');
        return spaces <= 2;
    }
}
