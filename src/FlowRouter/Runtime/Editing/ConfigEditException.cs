namespace FlowRouter.Runtime.Editing;

/// <summary>An admin change that cannot be made: the HTTP status, a stable code and a message saying why and what to do.</summary>
internal sealed class ConfigEditException(int status, string code, string message) : Exception(message)
{
    public int Status => status;
    public string Code => code;

    public static ConfigEditException NotFound(string what) => new(404, "not_found", $"No {what}.");

    public static ConfigEditException Exists(string what) => new(409, "already_exists", $"{what} already exists; change it with PUT or PATCH.");

    public static ConfigEditException ReadOnly(string what, string origin, string? file) => new(409, "read_only",
        origin.StartsWith("env:", StringComparison.Ordinal)
            ? $"{what} comes from the environment variable {origin[4..]} and is read-only here; change or unset the variable instead."
            : $"{what} comes from the config file{(file is null ? "" : $" ({file})")} and is read-only here; change it in the file.");

    public static ConfigEditException Invalid(string code, string message) => new(400, code, message);

    public static ConfigEditException InUse(string what, IEnumerable<string> users) =>
        new(409, "in_use", $"{what} is used by {string.Join(", ", users)}; change or delete those first.");
}
