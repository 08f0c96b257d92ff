using FlowRouter.TokenSaver.Text;

namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// <c>git status</c>. Long form: the <c>(use "git add" …)</c> hints, the closing advice and blank lines go; branch,
/// section headings and every listed path stay. Porcelain v2: the modes and object names of changed-entry lines go
/// (<c>1 .M N... 100644 100644 100644 &lt;hash&gt; &lt;hash&gt; args.go</c> becomes <c>1 .M args.go</c>); headers,
/// rename scores and paths stay; the <c># branch.oid</c> header keeps the first <see cref="GitCommitHeader.HashLength"/>
/// digits of the commit, as <c>git log</c> does. Short form (<c>XY path</c>) is already short and passes through.
/// </summary>
internal static class GitStatusCompressor
{
    public static string? Compress(string text)
    {
        string[] lines = Lines.Split(text);
        var w = new LineWriter(text.Length);
        int recognised = 0;
        foreach (string line in lines)
        {
            if (IsHint(line))
            {
                recognised++;
                continue;
            }
            if (Lines.IsBlank(line))
            {
                continue;
            }
            if (TryBranchOid(line, out string oid))
            {
                w.Line(oid);
                recognised++;
                continue;
            }
            if (TryPorcelainV2(line, out string shortLine))
            {
                w.Line(shortLine);
                recognised++;
                continue;
            }
            if (line.Length > 1 && line[0] == '\t')
            {
                // "\tmodified:   README.md": the padding after the state word carries nothing.
                w.Line(SqueezeState(line));
                continue;
            }
            if (IsHeading(line))
            {
                recognised++;
            }
            w.Line(line);
        }
        return recognised == 0 ? null : w.ToString(Lines.EndsWithNewline(text));
    }

    private static bool IsHint(string line)
    {
        ReadOnlySpan<char> s = line.AsSpan().Trim();
        return (s.StartsWith("(use \"git ", StringComparison.Ordinal) && s.EndsWith(")"))
            || s.StartsWith("(commit or discard the untracked or modified content in submodules)", StringComparison.Ordinal)
            || s.StartsWith("no changes added to commit (use", StringComparison.Ordinal)
            || s.StartsWith("nothing added to commit but untracked files present (use", StringComparison.Ordinal)
            || s.StartsWith("(fix conflicts and run \"git commit\")", StringComparison.Ordinal)
            || s.StartsWith("(all conflicts fixed: run \"git commit\")", StringComparison.Ordinal);
    }

    private static bool IsHeading(string line) =>
        line.StartsWith("On branch ", StringComparison.Ordinal) || line.StartsWith("HEAD detached ", StringComparison.Ordinal)
        || line.StartsWith("Changes to be committed:", StringComparison.Ordinal)
        || line.StartsWith("Changes not staged for commit:", StringComparison.Ordinal)
        || line.StartsWith("Untracked files:", StringComparison.Ordinal) || line.StartsWith("Unmerged paths:", StringComparison.Ordinal)
        || line.StartsWith("Your branch ", StringComparison.Ordinal) || line.StartsWith("nothing to commit", StringComparison.Ordinal);

    private static string SqueezeState(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || colon > 20)
        {
            return line;
        }
        ReadOnlySpan<char> state = line.AsSpan(1, colon - 1);
        foreach (char c in state)
        {
            if (!char.IsAsciiLetterLower(c) && c != ' ')
            {
                return line;
            }
        }
        int after = colon + 1;
        while (after < line.Length && line[after] == ' ')
        {
            after++;
        }
        return after - colon - 1 <= 1 ? line : string.Concat(line.AsSpan(0, colon + 1), " ", line.AsSpan(after));
    }

    /// <summary><c># branch.oid &lt;40 hex&gt;</c> with the hash cut to <see cref="GitCommitHeader.HashLength"/> digits
    /// (<c>(initial)</c> stays).</summary>
    private static bool TryBranchOid(string line, out string shortLine)
    {
        const string Prefix = "# branch.oid ";
        shortLine = line;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal) || line.Length - Prefix.Length is not (40 or 64)
            || !Lines.IsHex(line.AsSpan(Prefix.Length)))
        {
            return false;
        }
        shortLine = line[..(Prefix.Length + GitCommitHeader.HashLength)];
        return true;
    }

    /// <summary>Porcelain v2 entry lines: <c>1 XY sub mH mI mW hH hI path</c>, <c>2 XY sub mH mI mW hH hI Xscore path\torig</c>,
    /// <c>u XY sub m1 m2 m3 mW h1 h2 h3 path</c>.</summary>
    internal static bool TryPorcelainV2(string line, out string shortLine)
    {
        shortLine = line;
        if (line.Length < 4 || line[1] != ' ' || line[0] is not ('1' or '2' or 'u'))
        {
            return false;
        }
        int skip = line[0] switch { '1' => 8, '2' => 9, _ => 10 };
        var fields = Lines.Fields(line);
        if (fields.Count <= skip || fields[1].Length != 2)
        {
            return false;
        }
        // Fields 3.. are modes (6 octal digits) and object names (hex): check one of each before dropping them.
        var (ms, ml) = fields[3];
        var (hs, hl) = fields[line[0] == 'u' ? 7 : 6];
        if (ml != 6 || !Lines.IsDigits(line.AsSpan(ms, ml)) || hl < 7 || !Lines.IsHex(line.AsSpan(hs, hl)))
        {
            return false;
        }
        string xy = line.Substring(fields[1].Start, 2);
        int pathStart = fields[skip].Start;
        if (line[0] == '2')
        {
            // Keep the rename/copy score: "R100 new\told".
            pathStart = fields[skip - 1].Start;
        }
        shortLine = string.Concat(line.AsSpan(0, 2), xy, " ", line.AsSpan(pathStart));
        return true;
    }
}
