using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>tree</c> (Unicode or <c>--charset ascii</c> drawing), written the way <see cref="FindCompressor"/> writes paths:
/// one line per directory that has entries, <c>dir/: name name sub/</c>, directories in tree order and paths relative
/// to the root line. Every entry name (a subdirectory that is listed further down ends in <c>/</c>), link target and
/// the <c>N directories, M files</c> summary stay; the drawing columns go.
/// </summary>
internal static class TreeCompressor
{
    private sealed class Node(string name)
    {
        public string Name { get; } = name;
        public List<Node> Children { get; } = [];
    }

    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int drawn = 0;
        Node? root = null;
        var stack = new List<Node>();
        var roots = new List<Node>();
        var trailing = new List<string>();
        foreach (string line in lines)
        {
            int depth = Depth(line, out int nameStart);
            if (depth == 0)
            {
                if (Lines.IsBlank(line))
                {
                    continue;
                }
                if (IsSummary(line) || drawn > 0 && root is null)
                {
                    trailing.Add(line);
                    continue;
                }
                root = new Node(line.TrimEnd());
                roots.Add(root);
                stack.Clear();
                stack.Add(root);
                continue;
            }
            if (root is null || depth > stack.Count)
            {
                return null;
            }
            drawn++;
            var node = new Node(line[nameStart..]);
            stack.RemoveRange(depth, stack.Count - depth);
            stack[depth - 1].Children.Add(node);
            stack.Add(node);
        }
        if (drawn == 0 || drawn * 2 < lines.Length)
        {
            return null;
        }
        w.Line("[… tree drawing omitted: each line is dir/: entries]");
        foreach (Node r in roots)
        {
            if (r.Children.Count == 0)
            {
                w.Line(r.Name);
                continue;
            }
            Write(r, r.Name.EndsWith('/') ? r.Name : r.Name + "/", "", w);
        }
        foreach (string t in trailing)
        {
            w.Line(t);
        }
        return w.ToString(Lines.EndsWithNewline(text));
    }

    /// <summary>One line for <paramref name="dir"/>; then its subdirectories, named relative to the root line (which the
    /// first line shows in full).</summary>
    private static void Write(Node dir, string path, string prefix, LineWriter w)
    {
        var names = new List<string>(dir.Children.Count);
        foreach (Node c in dir.Children)
        {
            string name = c.Children.Count > 0 && !c.Name.EndsWith('/') ? c.Name + "/" : c.Name;
            names.Add(name.Contains(' ', StringComparison.Ordinal) ? "\"" + name + "\"" : name);
        }
        w.Line(path + ": " + string.Join(' ', names));
        foreach (Node c in dir.Children)
        {
            if (c.Children.Count > 0)
            {
                string child = prefix + (c.Name.EndsWith('/') ? c.Name : c.Name + "/");
                Write(c, child, child, w);
            }
        }
    }

    private static bool IsSummary(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return s.Length > 0 && char.IsAsciiDigit(s[0]) && (s.Contains(" director", StringComparison.Ordinal) || s.EndsWith(" files", StringComparison.Ordinal));
    }

    /// <summary>How many 4-column drawing units start the line (the last one must be a branch, <c>├── </c> or <c>└── </c>).</summary>
    internal static int Depth(string line, out int nameStart)
    {
        int i = 0;
        int depth = 0;
        bool branch = false;
        while (i + 4 <= line.Length)
        {
            ReadOnlySpan<char> unit = line.AsSpan(i, 4);
            if (IsBranch(unit))
            {
                branch = true;
            }
            else if (!IsPipeOrBlank(unit))
            {
                break;
            }
            depth++;
            i += 4;
            if (branch)
            {
                break;
            }
        }
        nameStart = i;
        return branch ? depth : 0;
    }

    private static bool IsBranch(ReadOnlySpan<char> u) =>
        (u[0] is '├' or '└' or '|' or '`' or '+' or '\\') && (u[1] is '─' or '-') && (u[2] is '─' or '-') && IsSpace(u[3]);

    private static bool IsPipeOrBlank(ReadOnlySpan<char> u) =>
        (u[0] is '│' or '|' || IsSpace(u[0])) && IsSpace(u[1]) && IsSpace(u[2]) && IsSpace(u[3]);

    private static bool IsSpace(char c) => c is ' ' or '\u00a0';
}
