namespace FlowRouter.Core.Config;

/// <summary>The levels of caveman mode: how terse the model is asked to answer.</summary>
public static class CavemanLevels
{
    public const string Off = "off";
    public const string Lite = "lite";
    public const string Full = "full";
    public const string Ultra = "ultra";

    public static readonly IReadOnlyList<string> All = [Off, Lite, Full, Ultra];

    public static bool IsKnown(string level) => All.Contains(level);
}
