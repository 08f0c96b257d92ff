namespace FlowRouter.Core.Config;

/// <summary>A named group of targets tried by a strategy; each target is a provider/model address or another combo.</summary>
public sealed record ComboConfig(string Name, string Strategy, IReadOnlyList<string> Targets)
{
    public const string PriorityStrategy = "priority";
}
