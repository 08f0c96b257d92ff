namespace FlowRouter.Core.Config;

/// <summary>
/// Where a config entry came from. File (and environment) entries are read-only in the admin API; entries made
/// through the API or the CLI live in the store.
/// </summary>
public static class ConfigOrigins
{
    public const string File = "config";
    public const string Store = "api";

    public static bool IsReadOnly(string origin) => origin != Store;
}
