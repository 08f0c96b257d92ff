namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// One compiler or linter finding. <see cref="Text"/> is the line as it will be shown (an MSBuild line without its
/// trailing <c>[project::TargetFramework=…]</c>); <see cref="Location"/> and <see cref="Message"/> are its two halves,
/// used to fold repeats: the same finding printed again (MSBuild's summary, another target framework) and the same
/// message at many places. Messages are only folded within one <see cref="Scope"/> (eslint's locations are
/// line:column within the file heading them). <see cref="Details"/> are the lines that belong to it (an indented
/// continuation, mypy's <c>note:</c> lines); a finding with details is never folded into a group, so they stay
/// under it.
/// </summary>
internal sealed record Diagnostic(string Text, string Location, string Message, string? TargetFramework, string Scope = "")
{
    public List<string> Details { get; } = [];

    /// <summary>The finding and its details, as one key: the same key printed again is a repeat.</summary>
    public string Key => Details.Count == 0 ? Scope + "\n" + Text : Scope + "\n" + Text + "\n" + string.Join('\n', Details);

    /// <summary>
    /// Whether <paramref name="line"/> belongs to the finding above it: an indented continuation (tsc, csc) or a
    /// <c>note:</c> at the same file (mypy, gcc).
    /// </summary>
    public bool Owns(string line) =>
        (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && Scope.Length == 0 && !BuildNoise.IsStatus(line))
        || (line.Contains(": note: ", StringComparison.Ordinal) && line.StartsWith(PathOf(Location), StringComparison.Ordinal));

    private static string PathOf(string location)
    {
        int paren = location.IndexOf('(', StringComparison.Ordinal);
        int colon = location.IndexOf(':', StringComparison.Ordinal);
        int end = paren > 0 ? paren : colon > 0 ? colon : location.Length;
        return location[..end];
    }
}
