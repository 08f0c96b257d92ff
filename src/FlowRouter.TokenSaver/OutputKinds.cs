namespace FlowRouter.TokenSaver;

/// <summary>
/// The kinds of tool output the token saver knows. The names match the tool-output corpus
/// (<c>../shared/corpus</c>), so a scorer can pass a sample's kind straight through.
/// </summary>
public static class OutputKinds
{
    /// <summary>Detect the kind from the first few KB of the text.</summary>
    public const string Auto = "auto";
    /// <summary>Nothing specific recognised: only ANSI colours, progress bars and repeated lines are condensed.</summary>
    public const string Text = "text";
    public const string GitDiff = "git_diff";
    public const string GitLog = "git_log";
    public const string GitStatus = "git_status";
    public const string GitBlame = "git_blame";
    public const string Grep = "grep";
    public const string Ls = "ls";
    public const string Find = "find";
    public const string Tree = "tree";
    public const string Cat = "cat";
    public const string BuildLog = "build_log";
    public const string Lint = "lint";
    public const string TestOutput = "test_output";
    public const string StackTrace = "stack_trace";
    public const string Json = "json";
    public const string PackageList = "package_list";
    public const string Ps = "ps";
    public const string Disk = "disk";
    public const string Env = "env";
    public const string Wc = "wc";
    /// <summary>Application or server logs: repeated and near-identical lines are folded.</summary>
    public const string Log = "log";

    /// <summary>Every kind a caller may ask for, <see cref="Auto"/> first, then in alphabetical order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Auto, BuildLog, Cat, Disk, Env, Find, GitBlame, GitDiff, GitLog, GitStatus, Grep, Json, Lint, Log, Ls,
        PackageList, Ps, StackTrace, TestOutput, Text, Tree, Wc,
    ];

    /// <summary>Whether <paramref name="kind"/> is one of <see cref="All"/> (ordinal, case-sensitive).</summary>
    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
