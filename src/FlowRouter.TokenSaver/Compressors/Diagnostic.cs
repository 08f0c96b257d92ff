namespace FlowRouter.TokenSaver.Compressors;

/// <summary>
/// One compiler or linter finding. <see cref="Text"/> is the line as it will be shown (an MSBuild line without its
/// trailing <c>[project::TargetFramework=…]</c>); <see cref="Location"/> and <see cref="Message"/> are its two halves,
/// used to fold repeats: the same finding printed again (MSBuild's summary, another target framework) and the same
/// message at many places. Messages are only folded within one <see cref="Scope"/> (eslint's locations are
/// line:column within the file heading them).
/// </summary>
internal sealed record Diagnostic(string Text, string Location, string Message, string? TargetFramework, string Scope = "");
