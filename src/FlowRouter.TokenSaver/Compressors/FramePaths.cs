using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// The file paths of stack frames, and the application's own directory in a trace: the directory that holds both its
/// outermost and its innermost frame of user code (the entry point and where the user's code failed). Frames of code
/// outside it — a framework run from a source checkout, which the frame rules cannot tell from the user's code —
/// lie between the two and are only the way the call went; they may be condensed like library frames.
/// </summary>
internal static class FramePaths
{
    /// <summary>
    /// The application's directory (ending in <c>/</c>) for the frames of one trace, or null when there is none to
    /// tell: fewer than two user frames with absolute paths, or only the file system's root in common.
    /// </summary>
    public static string? AppRoot(string[] lines, List<(int Start, int End, bool Library)> units, bool outermostFirst)
    {
        string? outer = null;
        string? inner = null;
        int users = 0;
        for (int k = 0; k < units.Count; k++)
        {
            if (units[k].Library || Of(lines[units[k].Start]) is not { } path || !IsAbsolute(path))
            {
                continue;
            }
            users++;
            if (outermostFirst)
            {
                outer ??= path;
                inner = path;
            }
            else
            {
                inner ??= path;
                outer = path;
            }
        }
        if (users < 2 || outer is null || inner is null)
        {
            return null;
        }
        string root = CommonDirectory(outer, inner);
        return root.Length > 1 ? root : null;
    }

    /// <summary>Whether <paramref name="frame"/> names an absolute path outside <paramref name="root"/>.</summary>
    public static bool IsOutside(string frame, string root) =>
        Of(frame) is { } path && IsAbsolute(path) && !path.StartsWith(root, StringComparison.Ordinal);

    /// <summary>
    /// The file of a frame: Python's <c>File "/a/b.py", line 3</c>, .NET's <c>at T.M() in /a/T.cs:line 7</c>,
    /// Node's <c>at f (/a/b.js:3:9)</c> and <c>at /a/b.js:3:9</c>; null for other lines.
    /// </summary>
    public static string? Of(string frame)
    {
        ReadOnlySpan<char> s = frame.AsSpan().Trim();
        if (s.StartsWith("File \"", StringComparison.Ordinal))
        {
            int quote = s[6..].IndexOf('"');
            return quote > 0 ? s.Slice(6, quote).ToString() : null;
        }
        if (!s.StartsWith("at ", StringComparison.Ordinal))
        {
            return null;
        }
        int dotnet = s.LastIndexOf(" in ", StringComparison.Ordinal);
        int line = s.LastIndexOf(":line ", StringComparison.Ordinal);
        if (dotnet > 0 && line > dotnet)
        {
            return s[(dotnet + 4)..line].ToString();
        }
        ReadOnlySpan<char> place = s[3..];
        int open = place.LastIndexOf(" (", StringComparison.Ordinal);
        if (open > 0 && place.EndsWith(")", StringComparison.Ordinal))
        {
            place = place[(open + 2)..^1];
        }
        return WithoutLineAndColumn(place).ToString();
    }

    private static ReadOnlySpan<char> WithoutLineAndColumn(ReadOnlySpan<char> place)
    {
        for (int n = 0; n < 2; n++)
        {
            int colon = place.LastIndexOf(':');
            if (colon > 0 && Lines.IsDigits(place[(colon + 1)..]))
            {
                place = place[..colon];
            }
        }
        return place;
    }

    private static bool IsAbsolute(string path) => path.StartsWith('/');

    private static string CommonDirectory(string a, string b)
    {
        int end = 0;
        int n = Math.Min(a.Length, b.Length);
        for (int k = 0; k < n && a[k] == b[k]; k++)
        {
            if (a[k] == '/')
            {
                end = k + 1;
            }
        }
        return a[..end];
    }
}
