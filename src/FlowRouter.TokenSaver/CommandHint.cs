namespace FlowRouter.TokenSaver;

/// <summary>
/// What the shell command that produced a tool output says about its kind. Content detection stays the judge; the
/// command only settles what the content alone cannot: a bare list of paths is <c>find</c> output (whose names may be
/// grouped by directory) or <c>grep -l</c> output (whose full paths must stay whole), and the two look the same;
/// and matched lines printed without their paths (<c>grep -h</c>) look like a source file, whose cuts would drop matches.
/// The command comes from the agent's own tool call (a shell tool's <c>command</c> argument), never from a tool name.
/// </summary>
internal static class CommandHint
{
    private static readonly string[] Wrappers = ["sudo", "env", "time", "nice", "command", "exec", "xargs"];

    /// <summary>The program that produced the output of <paramref name="command"/>, lower case, or null.</summary>
    /// <remarks>
    /// The output of <c>cd x &amp;&amp; find . | grep -v obj | sort</c> is made by <c>find</c>: the last of the
    /// <c>&amp;&amp;</c>/<c>;</c> clauses runs last, and in a pipeline the first stage makes the lines the filters after
    /// it only select or reorder. Leading <c>VAR=value</c> assignments and wrappers such as <c>sudo</c> are skipped.
    /// </remarks>
    public static string? Program(string? command)
    {
        if (string.IsNullOrWhiteSpace(command) || command.Length > 4096)
        {
            return null;
        }
        ReadOnlySpan<char> stage = FirstStage(command);
        foreach (var range in stage.Split(' '))
        {
            ReadOnlySpan<char> word = stage[range].Trim().Trim("\"'(");
            if (word.IsEmpty || word.Contains('=') || IsWrapper(word))
            {
                continue;
            }
            int slash = word.LastIndexOf('/');
            return word[(slash + 1)..].ToString().ToLowerInvariant();
        }
        return null;
    }

    /// <summary>What kind of program made an output, as far as the command can tell the detector.</summary>
    public enum Producer
    {
        /// <summary>No command, or one that settles nothing.</summary>
        Unknown,

        /// <summary>A <c>find</c>-like listing (find, fd, locate): a bare path list is its output.</summary>
        Find,

        /// <summary>A text search (grep, rg, ag, ack, git grep): lines that look like a file are its matches.</summary>
        Search,
    }

    public static Producer ProducerOf(string? command) => Program(command) switch
    {
        "find" or "fd" or "fdfind" or "locate" => Producer.Find,
        "grep" or "egrep" or "fgrep" or "rg" or "ag" or "ack" => Producer.Search,
        // Only git's own stage: in "git log | grep fix" the lines are git log's, grep only selects them.
        "git" when FirstStage(command!).Contains(" grep ", StringComparison.Ordinal) => Producer.Search,
        _ => Producer.Unknown,
    };

    /// <summary>The first stage of the pipeline in the last clause: the one that makes the output's lines.</summary>
    private static ReadOnlySpan<char> FirstStage(string command)
    {
        ReadOnlySpan<char> clause = LastClause(command.AsSpan());
        int pipe = clause.IndexOf('|');
        return pipe < 0 ? clause : clause[..pipe];
    }

    private static ReadOnlySpan<char> LastClause(ReadOnlySpan<char> command)
    {
        int cut = -1;
        for (int i = 0; i < command.Length; i++)
        {
            if (command[i] == ';' || (command[i] == '&' && i + 1 < command.Length && command[i + 1] == '&'))
            {
                cut = command[i] == ';' ? i : i + 1;
            }
        }
        return command[(cut + 1)..];
    }

    private static bool IsWrapper(ReadOnlySpan<char> word)
    {
        foreach (string w in Wrappers)
        {
            if (word.SequenceEqual(w))
            {
                return true;
            }
        }
        return word.StartsWith("-");
    }
}
