namespace FlowRouter.Hosting.Login;

/// <summary>
/// What checking a password against a stored hash found: a match, a mismatch, or a stored hash that cannot be used
/// (<see cref="Error"/> says why; it never quotes the hash or the password).
/// </summary>
internal readonly record struct PasswordCheck(bool Matches, string? Error)
{
    public static PasswordCheck Match => new(true, null);
    public static PasswordCheck Mismatch => new(false, null);
    public static PasswordCheck Unusable(string error) => new(false, error);
}
